package io.opencontrol.deploychecks.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.apis.CoreV1Api;

import io.opencontrol.deploychecks.kubernetes.FieldType.ListOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.MapOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.Reference;
import io.opencontrol.deploychecks.kubernetes.FieldType.Scalar;
import io.opencontrol.deploychecks.kubernetes.FieldType.ScalarKind;

/**
 * The Kubernetes 1.32 API as io.kubernetes:client-java-api 23 was generated from it: each
 * model class carries its fields' JSON names and types and its required fields; each API
 * class's {@code create} methods name the kinds its group and version serve. Only GA
 * versions count (v1, v2): the beta and alpha APIs of 1.32 are off on a default cluster
 * or soon gone.
 */
final class KubernetesModels {

	private static final String MODELS = "io.kubernetes.client.openapi.models.";

	private static final Pattern API_CLASS = Pattern
		.compile("io/kubernetes/client/openapi/apis/([A-Z][A-Za-z]*?)(V\\d+)Api\\.class");

	/** The groups that predate the {@code .k8s.io} suffix. */
	private static final Set<String> UNSUFFIXED_GROUPS = Set.of("apps", "autoscaling", "batch", "policy");

	private final Map<String, String> servedKinds;

	private final Map<String, ObjectSchema> schemas = new ConcurrentHashMap<>();

	private KubernetesModels(Map<String, String> servedKinds) {
		this.servedKinds = Map.copyOf(servedKinds);
	}

	static KubernetesModels load() {
		Map<String, String> served = new HashMap<>();
		try (JarFile jar = new JarFile(jarOf(CoreV1Api.class).toFile())) {
			jar.stream().forEach((entry) -> {
				Matcher api = API_CLASS.matcher(entry.getName());
				if (api.matches()) {
					String apiVersion = apiVersion(api.group(1), api.group(2).toLowerCase());
					servedKindsOf(entry.getName(), api.group(2))
						.forEach((kind, model) -> served.put(apiVersion + " " + kind, model));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new KubernetesModels(served);
	}

	/**
	 * The model type of a kind its apiVersion serves, such as V1Deployment for apps/v1
	 * Deployment.
	 */
	Optional<String> served(String apiVersion, String kind) {
		return Optional.ofNullable(this.servedKinds.get(apiVersion + " " + kind));
	}

	Set<String> servedKinds() {
		return this.servedKinds.keySet();
	}

	Optional<ObjectSchema> schema(String model) {
		Class<?> type;
		try {
			type = Class.forName(MODELS + model);
		}
		catch (ClassNotFoundException ex) {
			return Optional.empty();
		}
		return Optional.of(this.schemas.computeIfAbsent(model, (name) -> schemaOf(type)));
	}

	private static String apiVersion(String groupWords, String version) {
		if (groupWords.equals("Core")) {
			return version;
		}
		String group = Arrays.stream(groupWords.split("(?=[A-Z])"))
			.map(String::toLowerCase)
			.collect(Collectors.joining("."));
		return (UNSUFFIXED_GROUPS.contains(group) ? group : group + ".k8s.io") + "/" + version;
	}

	/**
	 * createNamespacedDeployment(String, V1Deployment) and createNamespace(V1Namespace)
	 * serve a kind.
	 */
	private static Map<String, String> servedKindsOf(String classFile, String version) {
		String className = classFile.replace('/', '.').replace(".class", "");
		Map<String, String> kinds = new HashMap<>();
		try {
			for (Method method : Class.forName(className).getMethods()) {
				for (Class<?> parameter : method.getParameterTypes()) {
					String model = parameter.getSimpleName();
					if (parameter.getName().startsWith(MODELS) && model.startsWith(version)) {
						String kind = model.substring(version.length());
						if (method.getName().equals("create" + kind)
								|| method.getName().equals("createNamespaced" + kind)) {
							kinds.put(kind, model);
						}
					}
				}
			}
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
		return kinds;
	}

	@SuppressWarnings("unchecked")
	private static ObjectSchema schemaOf(Class<?> model) {
		Map<String, FieldType> fields = new HashMap<>();
		for (Field field : model.getDeclaredFields()) {
			SerializedName name = field.getAnnotation(SerializedName.class);
			if (name != null && !Modifier.isStatic(field.getModifiers())) {
				fields.put(name.value(), typeOf(field.getGenericType()));
			}
		}
		try {
			Set<String> required = (Set<String>) model.getField("openapiRequiredFields").get(null);
			return new ObjectSchema(fields, required);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(model + " has no openapiRequiredFields", ex);
		}
	}

	private static FieldType typeOf(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			Type[] arguments = parameterized.getActualTypeArguments();
			if (parameterized.getRawType() == List.class) {
				return new ListOf(typeOf(arguments[0]));
			}
			if (parameterized.getRawType() == Map.class) {
				return new MapOf(typeOf(arguments[1]));
			}
		}
		if (type instanceof Class<?> simple) {
			if (simple == String.class || simple == OffsetDateTime.class || simple == byte[].class) {
				return new Scalar(ScalarKind.STRING);
			}
			if (simple == Integer.class || simple == Long.class) {
				return new Scalar(ScalarKind.INTEGER);
			}
			if (simple == Double.class || simple == Float.class || simple == BigDecimal.class) {
				return new Scalar(ScalarKind.NUMBER);
			}
			if (simple == Boolean.class) {
				return new Scalar(ScalarKind.BOOLEAN);
			}
			if (simple == Quantity.class) {
				return new Scalar(ScalarKind.QUANTITY);
			}
			if (simple == IntOrString.class) {
				return new Scalar(ScalarKind.INT_OR_STRING);
			}
			if (simple == Object.class) {
				return new Scalar(ScalarKind.ANY);
			}
			if (simple.getName().startsWith(MODELS)) {
				return new Reference(simple.getSimpleName());
			}
		}
		throw new IllegalStateException("no JSON type for " + type);
	}

	private static Path jarOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
