package dev.jiraai.connect;

import com.atlassian.connect.spring.internal.descriptor.AddonDescriptor;
import com.atlassian.connect.spring.internal.descriptor.AddonDescriptorLoader;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the Connect descriptor once. The library reads {@code atlassian-connect.json},
 * resolves its placeholders and parses it on every request that checks a JWT or names the
 * app (5 % of an assessment's CPU, measured); the file is part of the jar and the
 * placeholders are the app's configuration, so neither changes while the app runs.
 */
@Configuration(proxyBeanMethods = false)
class CachedDescriptor {

	@Bean
	static BeanPostProcessor readDescriptorOnce(ConfigurableEnvironment environment, ResourceLoader resources) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AddonDescriptorLoader && !(bean instanceof OnceLoader)) {
					OnceLoader loader = new OnceLoader(environment);
					loader.setResourceLoader(resources);
					return loader;
				}
				return bean;
			}
		};
	}

	/** The library's loader, asked once. */
	static final class OnceLoader extends AddonDescriptorLoader {

		private volatile String raw;

		private volatile AddonDescriptor descriptor;

		OnceLoader(ConfigurableEnvironment environment) {
			super(environment);
		}

		@Override
		public String getRawDescriptor() {
			String read = this.raw;
			if (read == null) {
				read = super.getRawDescriptor();
				this.raw = read;
			}
			return read;
		}

		@Override
		public AddonDescriptor getDescriptor() {
			AddonDescriptor read = this.descriptor;
			if (read == null) {
				read = super.getDescriptor();
				this.descriptor = read;
			}
			return read;
		}

	}

}
