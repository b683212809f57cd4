package dev.jiraai.admin;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.atlassian.connect.spring.ContextJwt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.jiraai.ai.ModelCheck;
import dev.jiraai.ai.SiteModelSettings;
import dev.jiraai.chat.ChatSettings;
import dev.jiraai.chat.ChatSiteSettings;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin page's Model and Features sections: the site's model (the API key
 * write-only), a test call to it, the features switched on and the assistant's tools.
 * Admins only by their path ({@link AdminEndpointGuard}).
 */
@RestController
@ContextJwt
class AdminSettingsController {

	private final SiteModelSettings models;

	private final ModelCheck check;

	private final ModelEndpoints endpoints;

	private final SiteFeatures features;

	private final ChatSettings chat;

	AdminSettingsController(SiteModelSettings models, ModelCheck check, ModelEndpoints endpoints, SiteFeatures features,
			ChatSettings chat) {
		this.models = models;
		this.check = check;
		this.endpoints = endpoints;
		this.features = features;
		this.chat = chat;
	}

	/**
	 * The site's model as an admin sees it; never the key.
	 *
	 * @param baseUrl the endpoint calls go to
	 * @param model the model asked for
	 * @param temperature the site's temperature over each prompt's, or {@code null}
	 * @param usingOperatorDefault whether the site uses the operator's model and key
	 * @param operatorDefaultAvailable whether the operator configured a default key
	 * @param keyConfigured whether the site's calls have a key at all
	 * @param key the last four characters of the site's own key and when it was set, or
	 * {@code null} when it has none
	 */
	record ModelView(URI baseUrl, String model, Double temperature, boolean usingOperatorDefault,
			boolean operatorDefaultAvailable, boolean keyConfigured, Key key) {
	}

	/** What is shown of the site's own key. */
	record Key(String lastFour, Instant setAt) {
	}

	/**
	 * A change of the site's model: a value left out stays; an empty string returns it to
	 * the operator's default; a temperature from 0 to 2 applies to every call.
	 */
	record ModelChange(@Size(max = 1024) String baseUrl, @Size(max = 255) String model, @Size(max = 4096) String apiKey,
			@DecimalMin("0.0") @DecimalMax("2.0") Double temperature) {
	}

	@GetMapping("/api/admin/model")
	ModelView model(SiteUser admin) {
		return view(admin.site());
	}

	@PutMapping("/api/admin/model")
	ModelView changeModel(SiteUser admin, @Valid @RequestBody ModelChange change) {
		if (change.baseUrl() != null && !change.baseUrl().isBlank()) {
			this.endpoints.check(change.baseUrl());
		}
		this.models.change(admin.site(),
				new SiteModelSettings.Change(change.baseUrl(), change.model(), change.apiKey(), change.temperature()),
				admin.accountId());
		return view(admin.site());
	}

	@DeleteMapping("/api/admin/model")
	ModelView useOperatorDefault(SiteUser admin) {
		this.models.useDefault(admin.site(), admin.accountId());
		return view(admin.site());
	}

	@PostMapping("/api/admin/model/test")
	ModelCheck.Result testModel(SiteUser admin) {
		return this.check.check(admin.site());
	}

	/** The site's features; in a change, a feature left out keeps its state. */
	record Features(Boolean assess, Boolean draft, Boolean chat, Boolean standup) {

		static Features of(Map<String, Boolean> features) {
			return new Features(features.get("assess"), features.get("draft"), features.get("chat"),
					features.get("standup"));
		}

		Map<String, Boolean> asMap() {
			Map<String, Boolean> map = new LinkedHashMap<>();
			putIfSet(map, "assess", this.assess);
			putIfSet(map, "draft", this.draft);
			putIfSet(map, "chat", this.chat);
			putIfSet(map, "standup", this.standup);
			return map;
		}

		private static void putIfSet(Map<String, Boolean> map, String name, Boolean value) {
			if (value != null) {
				map.put(name, value);
			}
		}

	}

	@GetMapping("/api/admin/features")
	Features features(SiteUser admin) {
		return Features.of(this.features.forSite(admin.site()));
	}

	@PutMapping("/api/admin/features")
	Features changeFeatures(SiteUser admin, @RequestBody Features change) {
		return Features.of(this.features.change(admin.site(), change.asMap(), admin.accountId()));
	}

	/**
	 * The assistant's settings and the tools the allow-list can name.
	 *
	 * @param readOnly whether the assistant proposes no write
	 * @param allowedTools the tools the model may call, or {@code null} for every tool
	 * @param tools every tool of the assistant
	 */
	record ChatSettingsView(boolean readOnly, Set<String> allowedTools, List<ChatSettings.Tool> tools) {
	}

	/** A change of the assistant's settings; {@code allowedTools} null: every tool. */
	record ChatSettingsChange(@NotNull Boolean readOnly, Set<String> allowedTools) {
	}

	@GetMapping("/api/admin/chat-settings")
	ChatSettingsView chatSettings(SiteUser admin) {
		return chatView(this.chat.of(admin.site()));
	}

	@PutMapping("/api/admin/chat-settings")
	ChatSettingsView changeChatSettings(SiteUser admin, @Valid @RequestBody ChatSettingsChange change) {
		return chatView(this.chat.change(admin.site(), new ChatSiteSettings(change.readOnly(), change.allowedTools()),
				admin.accountId()));
	}

	private ChatSettingsView chatView(ChatSiteSettings settings) {
		return new ChatSettingsView(settings.readOnly(), settings.allowedTools(), this.chat.tools());
	}

	private ModelView view(Site site) {
		SiteModelSettings.ModelSettings effective = this.models.effective(site);
		Key key = this.models.keyHint(site).map(hint -> new Key(hint.lastFour(), hint.setAt())).orElse(null);
		return new ModelView(effective.baseUrl(), effective.model(), effective.temperature(), !effective.siteSpecific(),
				this.models.operatorDefaultConfigured(), effective.keyConfigured(), key);
	}

}
