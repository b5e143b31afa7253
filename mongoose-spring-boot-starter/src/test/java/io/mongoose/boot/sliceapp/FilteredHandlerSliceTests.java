package io.mongoose.boot.sliceapp;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.DirectClient;
import io.mongoose.boot.test.MongooseHandlerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code excludeFilters} leaves a handler out, {@code includeFilters} lets a service in,
 * {@code excludeAutoConfiguration} leaves an auto-configuration out.
 */
@DirtiesContext
@MongooseHandlerTest(excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GreetingHandler.class),
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Reports.class),
		excludeAutoConfiguration = JacksonAutoConfiguration.class)
class FilteredHandlerSliceTests {

	@Autowired
	DirectClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void anExcludedHandlerIsNotServed() {
		assertThat(this.context.getBeanNamesForType(GreetingHandler.class)).isEmpty();
		assertThat(this.client.get("/greet").status()).isEqualTo(404);
		assertThat(this.client.get("/hello").status()).isEqualTo(200);
	}

	@Test
	void anIncludedServiceIsThere() {
		assertThat(this.context.getBean(Reports.class).title()).isEqualTo("monthly");
	}

	@Test
	void anExcludedAutoConfigurationIsNotApplied() {
		assertThat(this.context.getBeanNamesForType(JsonMapper.class)).isEmpty();
	}

}
