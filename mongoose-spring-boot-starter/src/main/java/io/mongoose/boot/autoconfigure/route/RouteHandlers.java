package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Router;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.route.Body;
import io.mongoose.boot.route.HeaderField;
import io.mongoose.boot.route.PathVar;
import io.mongoose.boot.route.Query;
import io.mongoose.boot.route.Route;
import io.mongoose.boot.route.Status;

/**
 * Builds the core {@link Router} of a {@link io.mongoose.boot.UriHandler @UriHandler}
 * bean from its {@link Route @Route} methods ({@link io.mongoose.boot.route.Get @Get} and
 * the others). Everything that can be checked is checked here, at start-up, and fails
 * naming the bean and the method: an unbound parameter, a path variable the template does
 * not capture, a type that needs Jackson without it, templates the router refuses.
 *
 * @since 0.1.0
 */
public final class RouteHandlers {

	private static final Pattern CAPTURE = Pattern.compile("\\{\\*?([^}/]+)}");

	private final ListableBeanFactory beanFactory;

	private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	private @Nullable Dependencies dependencies;

	/**
	 * Creates the builder; the beans it needs (JSON, validation, conversions, the error
	 * handler) are looked up at the first router.
	 * @param beanFactory the application's beans
	 */
	public RouteHandlers(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * The router of {@code bean}'s route methods.
	 * @param beanName the bean's name, for messages
	 * @param bean the bean
	 * @param prefix the prefix it is registered under, for messages
	 * @param blocking whether every route of the bean blocks
	 * @return the router, or {@code null} if the bean declares no route method
	 * @throws IllegalStateException if a route cannot be built (the whole story in its
	 * message, which a start-up failure shows as its root cause)
	 */
	public @Nullable Router routerFor(String beanName, Object bean, String prefix, boolean blocking) {
		Class<?> type = ClassUtils.getUserClass(bean);
		Map<Method, List<MergedAnnotation<Route>>> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<List<MergedAnnotation<Route>>>) (method) -> {
					List<MergedAnnotation<Route>> routes = MergedAnnotations.from(method).stream(Route.class).toList();
					return routes.isEmpty() ? null : routes;
				});
		if (methods.isEmpty()) {
			return null;
		}
		String where = "Bean '" + beanName + "' (@UriHandler(\"" + prefix + "\"))";
		if (bean instanceof Handler) {
			throw new IllegalStateException(where + " implements Handler and declares route methods: choose one");
		}
		Router.Builder router = Router.builder();
		List<Method> sorted = new ArrayList<>(methods.keySet());
		sorted.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		for (Method method : sorted) {
			for (MergedAnnotation<Route> route : methods.get(method)) {
				String httpMethod = route.getString("method");
				String template = route.getString("path");
				String name = type.getSimpleName() + "." + method.getName();
				try {
					Handler handler = methodRoute(name, bean, method, template);
					router.route(httpMethod, template,
							(blocking || route.getBoolean("blocking")) ? Handler.blocking(handler) : handler);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException(where + ": route " + httpMethod + " \"" + template + "\" of "
							+ method.toGenericString() + ": " + ex.getMessage());
				}
			}
		}
		try {
			return router.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(where + ": " + ex.getMessage());
		}
	}

	/**
	 * The server's error handler where the application has no
	 * {@link MongooseErrorHandler}: errors of requests below a route bean's prefix are
	 * problem details like the routes' own (with Jackson), other requests get the
	 * server's pages.
	 * @param routed whether a request URI is below a route bean's prefix
	 * @return the error handler
	 */
	public MongooseErrorHandler errorPages(Predicate<String> routed) {
		ErrorReplies errors = dependencies().errors(); // now: the IO threads only read it
		return (c) -> errors.errorPage(c, routed);
	}

	private MethodRoute methodRoute(String name, Object bean, Method declared, String template) {
		Dependencies deps = dependencies();
		Method method = AopUtils.selectInvocableMethod(declared, bean.getClass());
		ReflectionUtils.makeAccessible(method);
		Set<String> captures = captures(template);
		Parameter[] parameters = declared.getParameters();
		ParameterBinder[] binders = new ParameterBinder[parameters.length];
		String[] bound = new String[parameters.length];
		boolean[] bodies = new boolean[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			MethodParameter parameter = new MethodParameter(declared, i);
			parameter.initParameterNameDiscovery(this.names);
			bound[i] = parameter.getParameterName();
			bodies[i] = parameters[i].isAnnotationPresent(Body.class);
			binders[i] = binder(parameter, captures, deps);
			if (parameter.hasParameterAnnotation(PathVar.class) || parameter.hasParameterAnnotation(Query.class)
					|| parameter.hasParameterAnnotation(HeaderField.class)) {
				bound[i] = ((TextBinder) binders[i]).name();
			}
		}
		ArgumentsValidator validator = BeanValidation.forMethod(declared, bound, bodies, this.beanFactory);
		Status status = AnnotatedElementUtils.findMergedAnnotation(declared, Status.class);
		ResolvableType returnType = ResolvableType.forMethodReturnType(declared, ClassUtils.getUserClass(bean));
		ReturnValues returns = new ReturnValues((status != null) ? status.value() : 200, returnType, deps.json());
		return new MethodRoute(name, bean, method, binders, validator, returns, deps.errors());
	}

	private ParameterBinder binder(MethodParameter parameter, Set<String> captures, Dependencies deps) {
		Class<?> type = parameter.getParameterType();
		PathVar pathVar = parameter.getParameterAnnotation(PathVar.class);
		if (pathVar != null) {
			String name = name(pathVar.value(), parameter);
			if (!captures.contains(name)) {
				throw new IllegalArgumentException(
						"@PathVar \"" + name + "\" is not captured by the template (it captures " + captures + ")");
			}
			return new TextBinder("path variable", name, Connection::pathVariable, true, null, parameter,
					deps.conversions());
		}
		Query query = parameter.getParameterAnnotation(Query.class);
		if (query != null) {
			return new TextBinder("query parameter", name(query.value(), parameter), Connection::getVar,
					query.required(), query.defaultValue().isEmpty() ? null : query.defaultValue(), parameter,
					deps.conversions());
		}
		HeaderField header = parameter.getParameterAnnotation(HeaderField.class);
		if (header != null) {
			return new TextBinder("header", name(header.value(), parameter), Connection::getHeader, header.required(),
					header.defaultValue().isEmpty() ? null : header.defaultValue(), parameter, deps.conversions());
		}
		Body body = parameter.getParameterAnnotation(Body.class);
		if (body != null) {
			return new BodyBinder(type, parameter.getGenericParameterType(), body.required(), deps.json());
		}
		if (type.isAssignableFrom(Connection.class)) {
			return (c) -> c;
		}
		throw new IllegalArgumentException("parameter " + parameter.getParameterIndex() + " (" + type.getSimpleName()
				+ " " + parameter.getParameterName()
				+ ") is not bound: annotate it @PathVar, @Query, @HeaderField or @Body, or declare a Connection");
	}

	private static String name(String given, MethodParameter parameter) {
		if (!given.isEmpty()) {
			return given;
		}
		String name = parameter.getParameterName();
		if (name == null) {
			throw new IllegalArgumentException("parameter " + parameter.getParameterIndex()
					+ " has no name: compile with -parameters or name it in its annotation");
		}
		return name;
	}

	/** The names a template captures: {@code {id}} and {@code {*rest}}. */
	static Set<String> captures(String template) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = CAPTURE.matcher(template);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private Dependencies dependencies() {
		Dependencies deps = this.dependencies;
		if (deps == null) {
			JsonCodec json = JsonCodec.find(this.beanFactory);
			ConversionService conversions = (this.beanFactory instanceof ConfigurableBeanFactory configurable
					&& configurable.getConversionService() != null) ? configurable.getConversionService()
							: ApplicationConversionService.getSharedInstance();
			Handler errorHandler = this.beanFactory.getBeanProvider(MongooseErrorHandler.class).getIfUnique();
			deps = new Dependencies(json, conversions, new ErrorReplies(json, errorHandler));
			this.dependencies = deps;
		}
		return deps;
	}

	private record Dependencies(@Nullable JsonCodec json, ConversionService conversions, ErrorReplies errors) {
	}

}
