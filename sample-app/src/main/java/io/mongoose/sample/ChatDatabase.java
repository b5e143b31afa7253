package io.mongoose.sample;

import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The chat history's database: by default an H2 file in {@code sample.data-dir}, unless
 * {@code spring.datasource.url} names another one; and the thread its calls run on.
 */
@Configuration(proxyBeanMethods = false)
class ChatDatabase {

	/**
	 * Where the database calls run, off the IO thread. One thread: chat posts are stored
	 * and broadcast in the order they arrive. Its queue is bounded; when full the API
	 * answers 503 and a WebSocket post is dropped. It drains before the context closes.
	 */
	@Bean
	ThreadPoolTaskExecutor sampleDbExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(1000);
		executor.setThreadNamePrefix("sample-db-");
		executor.setAcceptTasksAfterContextClose(true); // requests finishing during
														// graceful shutdown
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(5);
		return executor;
	}

	/**
	 * Without {@code spring.datasource.url}, the H2 file {@code chat} in
	 * {@code sample.data-dir}. The path is made absolute here: H2 refuses one relative to
	 * the working directory.
	 */
	@Bean
	static BeanPostProcessor chatDatabaseUrl(Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof DataSourceProperties properties && properties.getUrl() == null) {
					Path dir = Path.of(environment.getProperty("sample.data-dir", "data")).toAbsolutePath();
					properties.setUrl("jdbc:h2:file:" + dir.resolve("chat"));
				}
				return bean;
			}
		};
	}

}
