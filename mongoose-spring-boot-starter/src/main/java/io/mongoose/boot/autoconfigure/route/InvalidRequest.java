package io.mongoose.boot.autoconfigure.route;

import java.util.List;
import java.util.stream.Collectors;

import io.mongoose.boot.route.MongooseException;

/** A {@code 400} for arguments that failed Bean Validation, with the fields. */
final class InvalidRequest extends MongooseException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldError> errors;

	InvalidRequest(List<FieldError> errors) {
		super(400, errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One violation: the field (a path such as {@code items[0].name}) and what is wrong.
	 */
	record FieldError(String field, String message) {

		@Override
		public String toString() {
			return this.field + ": " + this.message;
		}

	}

}
