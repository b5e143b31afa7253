package io.mongoose.boot.autoconfigure.route;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Bean Validation of route arguments ({@code @Valid} bodies and constrained parameters)
 * with the application's {@link Validator} bean; isolated here so that routes work when
 * {@code jakarta.validation} is not on the class path.
 */
final class BeanValidation {

	private static final String API = "jakarta.validation.Validator";

	private BeanValidation() {
	}

	/**
	 * The validator for {@code method}, or {@code null} if its parameters declare no
	 * constraint.
	 * @param names the name each parameter is bound from (a field error names it)
	 * @param bodies whether each parameter is the body, whose fields are named without it
	 * @throws IllegalArgumentException if they do but there is no {@link Validator} bean
	 */
	static @Nullable ArgumentsValidator forMethod(Method method, String[] names, boolean[] bodies,
			ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(API, BeanValidation.class.getClassLoader()) || !constrained(method)) {
			return null;
		}
		Validator validator = beanFactory.getBeanProvider(Validator.class).getIfAvailable();
		if (validator == null) {
			throw new IllegalArgumentException("its parameters have constraints but there is no "
					+ "jakarta.validation.Validator bean (add spring-boot-starter-validation)");
		}
		ExecutableValidator executables = validator.forExecutables();
		return (bean, m, arguments) -> {
			Set<ConstraintViolation<Object>> violations = executables.validateParameters(bean, m, arguments);
			if (!violations.isEmpty()) {
				List<InvalidRequest.FieldError> errors = new ArrayList<>();
				for (ConstraintViolation<Object> violation : violations) {
					errors.add(new InvalidRequest.FieldError(field(violation.getPropertyPath(), names, bodies),
							violation.getMessage()));
				}
				errors.sort(Comparator.comparing(InvalidRequest.FieldError::field)
					.thenComparing(InvalidRequest.FieldError::message));
				throw new InvalidRequest(errors);
			}
		};
	}

	private static boolean constrained(Method method) {
		for (Parameter parameter : method.getParameters()) {
			if (constrained(parameter.getAnnotations()) || constrained(parameter.getAnnotatedType())) {
				return true;
			}
		}
		return false;
	}

	private static boolean constrained(AnnotatedType type) {
		return constrained(type.getAnnotations());
	}

	private static boolean constrained(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> type = annotation.annotationType();
			if (type == Valid.class || type.isAnnotationPresent(Constraint.class)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The field a violation is about: the bound name for a parameter ({@code create.id} →
	 * {@code id}), the path inside a body ({@code create.body.text} → {@code text}).
	 */
	private static String field(Path path, String[] names, boolean[] bodies) {
		String prefix = "";
		int index = -1;
		for (Path.Node node : path) {
			if (node.getKind() == ElementKind.METHOD) {
				prefix = node.getName();
			}
			else if (node.getKind() == ElementKind.PARAMETER) {
				prefix = prefix + "." + node.getName();
				index = node.as(Path.ParameterNode.class).getParameterIndex();
				break;
			}
		}
		String text = path.toString();
		String rest = text.startsWith(prefix) ? text.substring(prefix.length()) : text;
		if (index < 0) {
			return rest;
		}
		if (bodies[index]) {
			rest = rest.startsWith(".") ? rest.substring(1) : rest;
			return rest.isEmpty() ? "body" : rest;
		}
		return names[index] + rest;
	}

}
