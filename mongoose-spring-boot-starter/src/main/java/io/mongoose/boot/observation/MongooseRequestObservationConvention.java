package io.mongoose.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of requests served by Mongoose. A bean of this type
 * replaces {@link DefaultMongooseRequestObservationConvention} (extend that one to add to
 * its keys), as a {@code ServerRequestObservationConvention} does for Spring MVC.
 *
 * @since 0.1.0
 */
public interface MongooseRequestObservationConvention extends ObservationConvention<MongooseRequestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MongooseRequestObservationContext;
	}

}
