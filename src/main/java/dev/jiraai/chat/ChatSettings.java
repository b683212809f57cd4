package dev.jiraai.chat;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.jiraai.chat.tools.AssistantTool;
import dev.jiraai.database.ClusterCaches;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A site's AI Assistant settings (tool allow-list, read-only mode) in
 * {@code chat_settings}, read through {@link ChatCaches#SETTINGS}: every change and the
 * site's purge evict the entry on every instance, so a tool an admin switched off is gone
 * from the next turn, whichever instance runs it.
 */
@Service
public class ChatSettings {

	private final JdbcClient jdbc;

	private final ClusterCaches caches;

	ChatSettings(JdbcClient jdbc, ClusterCaches caches) {
		this.jdbc = jdbc;
		this.caches = caches;
	}

	/** The site's settings, or {@link ChatSiteSettings#DEFAULTS} when it chose none. */
	public ChatSiteSettings of(Site site) {
		return this.caches.cache(ChatCaches.SETTINGS)
			.get(site.clientKey(),
					() -> this.jdbc.sql("SELECT read_only, allowed_tools FROM chat_settings WHERE client_key = ?")
						.param(site.clientKey())
						.query((rs, n) -> new ChatSiteSettings(rs.getBoolean(1), names(rs.getArray(2))))
						.optional()
						.orElse(ChatSiteSettings.DEFAULTS));
	}

	/**
	 * Changes the site's settings.
	 * @param accountId the admin who changed them
	 * @throws UnknownTool when the allow-list names a tool the assistant does not have
	 */
	public ChatSiteSettings change(Site site, ChatSiteSettings settings, String accountId) {
		if (settings.allowedTools() != null) {
			Set<String> unknown = new TreeSet<>(settings.allowedTools());
			unknown.removeAll(AssistantTool.names());
			if (!unknown.isEmpty()) {
				throw new UnknownTool(unknown);
			}
		}
		String[] allowed = (settings.allowedTools() == null) ? null
				: new TreeSet<>(settings.allowedTools()).toArray(String[]::new);
		this.jdbc.sql("""
				INSERT INTO chat_settings (client_key, read_only, allowed_tools, updated_at, updated_by)
				VALUES (?, ?, ?, now(), ?)
				ON CONFLICT (client_key) DO UPDATE SET read_only = EXCLUDED.read_only,
				    allowed_tools = EXCLUDED.allowed_tools, updated_at = EXCLUDED.updated_at,
				    updated_by = EXCLUDED.updated_by
				""").params(site.clientKey(), settings.readOnly(), allowed, accountId).update();
		this.caches.evict(ChatCaches.SETTINGS, site.clientKey());
		return settings;
	}

	/**
	 * A tool the allow-list can name.
	 *
	 * @param name the tool's name, as the allow-list holds it
	 * @param writes whether it proposes a write (none is offered in read-only mode)
	 */
	public record Tool(String name, boolean writes) {
	}

	/** Every tool of the assistant, in a stable order. */
	public List<Tool> tools() {
		return Arrays.stream(AssistantTool.values())
			.map(tool -> new Tool(tool.toolName(), tool.writes()))
			.sorted(Comparator.comparing(Tool::name))
			.toList();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM chat_settings WHERE client_key = ?").param(event.clientKey()).update();
		this.caches.evict(ChatCaches.SETTINGS, event.clientKey());
	}

	private static Set<String> names(Array array) throws SQLException {
		return (array == null) ? null : Set.copyOf(List.of((String[]) array.getArray()));
	}

	/** An allow-list named tools the assistant does not have. */
	public static final class UnknownTool extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.BAD_REQUEST, "unknown-tool", "No such tool",
				"Choose tools from the assistant's list.");

		private final Set<String> names;

		UnknownTool(Set<String> names) {
			super("The assistant has no tool %s; its tools are %s".formatted(String.join(", ", names),
					String.join(", ", new TreeSet<>(AssistantTool.names()))));
			this.names = Set.copyOf(names);
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

		/** The names that are not tools. */
		public Set<String> names() {
			return this.names;
		}

	}

}
