package dev.jiraai.ai;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the AI core that are not components themselves.
 */
@Configuration(proxyBeanMethods = false)
class AiConfiguration {

	@Bean
	SecretCipher secretCipher(AiProperties properties) {
		return new SecretCipher(properties.encryption().key(), properties.encryption().previousKeys());
	}

}
