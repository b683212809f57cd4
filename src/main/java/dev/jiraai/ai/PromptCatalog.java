package dev.jiraai.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.jiraai.tenancy.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The prompts of the product: {@code prompts/**}{@code /*.md} packaged in the jar,
 * overridden by the same files in an external folder when one is configured (reloaded
 * when they change), and by a site's own override stored in the database.
 * <p>
 * A packaged prompt that does not parse stops the app at start-up; an external or site
 * override that does not parse is refused (logged, the previous version stays) so an edit
 * can never break a running app.
 */
@Service
public class PromptCatalog {

	private static final Logger logger = LoggerFactory.getLogger(PromptCatalog.class);

	private final AiProperties.Prompts properties;

	private final PromptOverrides overrides;

	private final Clock clock;

	private final Map<String, PromptTemplate> packaged;

	private volatile Map<String, PromptTemplate> external = Map.of();

	private volatile Instant lastScan = Instant.EPOCH;

	private volatile long lastExternalStamp = -1;

	PromptCatalog(AiProperties properties, PromptOverrides overrides, Optional<Clock> clock) {
		this.properties = properties.prompts();
		this.overrides = overrides;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.packaged = loadPackaged();
		reloadExternalIfChanged(true);
		logger.info("Prompt catalog: {} packaged prompts{}", this.packaged.size(),
				this.properties.directory().isBlank() ? "" : ", overridden from " + this.properties.directory());
	}

	/**
	 * The prompt a site uses: its own override if it has one, else the catalog's.
	 * @throws PromptException when there is no such prompt
	 */
	public PromptTemplate get(Site site, String id) {
		PromptTemplate base = get(id);
		return this.overrides.body(site, id).flatMap(body -> {
			try {
				return Optional.of(PromptFiles.withBody(base, body, "site:" + site.clientKey()));
			}
			catch (PromptException ex) {
				logger.warn("Ignoring the override of prompt '{}' of site {}: {}", id, site.clientKey(),
						ex.getMessage());
				return Optional.empty();
			}
		}).orElse(base);
	}

	/** The catalog's prompt, without site overrides. */
	public PromptTemplate get(String id) {
		reloadExternalIfChanged(false);
		PromptTemplate prompt = this.external.getOrDefault(id, this.packaged.get(id));
		if (prompt == null) {
			throw new PromptException("No prompt '%s' in the catalog".formatted(id));
		}
		return prompt;
	}

	/** Every prompt id of the catalog. */
	public List<String> ids() {
		reloadExternalIfChanged(false);
		Map<String, PromptTemplate> all = new LinkedHashMap<>(this.packaged);
		all.putAll(this.external);
		return all.keySet().stream().sorted().toList();
	}

	/**
	 * Stores a site's override of a prompt's body (same variables and schema).
	 * @throws PromptException when the body uses a variable the prompt does not declare
	 */
	public PromptTemplate override(Site site, String id, String body, String updatedBy) {
		PromptTemplate checked = PromptFiles.withBody(get(id), body, "site:" + site.clientKey());
		this.overrides.save(site, id, body, updatedBy);
		return checked;
	}

	/** Removes a site's override; the catalog's prompt applies again. */
	public void removeOverride(Site site, String id) {
		this.overrides.remove(site, id);
	}

	private static Map<String, PromptTemplate> loadPackaged() {
		Map<String, PromptTemplate> prompts = new LinkedHashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:prompts/**/*.md")) {
				try (InputStream in = resource.getInputStream()) {
					PromptTemplate prompt = PromptFiles.parse(resource.getFilename(),
							new String(in.readAllBytes(), StandardCharsets.UTF_8),
							"classpath:" + resource.getFilename());
					if (prompts.put(prompt.id(), prompt) != null) {
						throw new PromptException("Two packaged prompts have the id '%s'".formatted(prompt.id()));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the packaged prompts", ex);
		}
		return Map.copyOf(prompts);
	}

	/**
	 * Rescans the external folder at most once per reload interval, and only reparses
	 * when a file changed.
	 */
	private void reloadExternalIfChanged(boolean force) {
		if (this.properties.directory().isBlank()) {
			return;
		}
		Instant now = this.clock.instant();
		if (!force && (!this.properties.hotReload()
				|| now.isBefore(this.lastScan.plus(this.properties.reloadInterval())))) {
			return;
		}
		synchronized (this) {
			this.lastScan = now;
			Path folder = Path.of(this.properties.directory());
			if (!Files.isDirectory(folder)) {
				logger.warn("The prompt folder {} does not exist; using the packaged prompts", folder.toAbsolutePath());
				this.external = Map.of();
				return;
			}
			List<Path> files = markdownFiles(folder);
			long stamp = files.stream().mapToLong(PromptCatalog::modified).sum() + files.size();
			if (stamp == this.lastExternalStamp) {
				return;
			}
			Map<String, PromptTemplate> loaded = new LinkedHashMap<>(this.external);
			for (Path file : files) {
				try {
					PromptTemplate prompt = PromptFiles.parse(file.getFileName().toString(), Files.readString(file),
							file.toString());
					loaded.put(prompt.id(), prompt);
				}
				catch (IOException | PromptException ex) {
					logger.error("Ignoring prompt file {}: {}", file, ex.getMessage());
				}
			}
			this.external = Map.copyOf(loaded);
			this.lastExternalStamp = stamp;
			logger.info("Loaded {} prompts from {}", loaded.size(), folder.toAbsolutePath());
		}
	}

	private static List<Path> markdownFiles(Path folder) {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(path -> path.toString().endsWith(".md"))
				.filter(path -> !path.getFileName().toString().equals("README.md"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
