package io.opencontrol.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the Wycheproof JSON Web Signature vectors through the gateway's own
 * verification ({@link JwsVerification}), with each group's key as the only published
 * key. The payloads are "foo", not claims, so this is the JWS layer only.
 */
class WycheproofJwsTests {

	/** The shared corpus, present beside the checkout in CI. */
	static final Path SHARED_VECTORS = Path.of("../../shared/corpora/wycheproof/json_web_signature_test.json");

	/** A copy with its licence, so the tests also run from a lone checkout. */
	static final String BUNDLED_VECTORS = "/wycheproof/json_web_signature_test.json";

	/**
	 * The only justified disagreement: a signature valid for another algorithm (HS256,
	 * ES256, ES512, PS256, PS384, PS512), which the gateway rejects because tokens are
	 * RS256 only. There are 38 such vectors in this corpus; the count pins the list so it
	 * cannot drift silently.
	 */
	static final int JUSTIFIED_OTHER_ALGORITHM = 38;

	@Test
	void agreesWithEveryVectorExceptTheJustifiedOnes() throws Exception {
		String vectors = bundledVectors();
		if (Files.exists(SHARED_VECTORS)) {
			assertThat(vectors).as("the bundled copy of " + SHARED_VECTORS).isEqualTo(Files.readString(SHARED_VECTORS));
		}
		JsonNode corpus = JsonMapper.shared().readTree(vectors);
		Map<Integer, String> disagreements = new TreeMap<>();
		int replayed = 0;
		for (JsonNode group : corpus.get("testGroups")) {
			JWK published = publishedKey(group);
			for (JsonNode vector : group.get("tests")) {
				boolean expected = "valid".equals(vector.get("result").asString());
				boolean accepted = accepts(vector.get("jws"), published);
				replayed++;
				if (accepted != expected) {
					disagreements.put(vector.get("tcId").asInt(), explain(vector, accepted));
				}
			}
		}
		assertThat(replayed).isEqualTo(corpus.get("numberOfTests").asInt());
		assertThat(disagreements.values()).as("disagreements: %s", disagreements)
			.allMatch((outcome) -> outcome.startsWith("valid for another algorithm"));
		assertThat(disagreements).hasSize(JUSTIFIED_OTHER_ALGORITHM);
	}

	private static String bundledVectors() throws IOException {
		try (InputStream in = WycheproofJwsTests.class.getResourceAsStream(BUNDLED_VECTORS)) {
			assertThat(in).as(BUNDLED_VECTORS).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static boolean accepts(JsonNode jws, JWK published) {
		if (!jws.isString()) {
			// JSON serialization: tokens travel as compact JWS only.
			return false;
		}
		try {
			JWSObject object = JWSObject.parse(jws.asString());
			List<JWK> candidates = (published != null)
					? JwsVerification.candidates(List.of(published), object.getHeader().getKeyID()) : List.of();
			return JwsVerification.verify(object, candidates);
		}
		catch (ParseException ex) {
			return false;
		}
	}

	private static String explain(JsonNode vector, boolean accepted) {
		String comment = vector.get("comment").asString();
		if (accepted || !vector.get("jws").isString()) {
			return "unexplained: " + comment + (accepted ? " accepted" : " rejected");
		}
		try {
			String algorithm = JWSObject.parse(vector.get("jws").asString()).getHeader().getAlgorithm().getName();
			return JwsVerification.ALGORITHM.getName().equals(algorithm) ? "unexplained: " + comment + " rejected"
					: "valid for another algorithm (" + algorithm + "): " + comment;
		}
		catch (ParseException ex) {
			return "unexplained: " + comment + " does not parse";
		}
	}

	private static JWK publishedKey(JsonNode group) throws ParseException {
		JsonNode key = group.has("public") ? group.get("public") : group.get("private");
		return (key != null) ? JWK.parse(key.toString()).toPublicJWK() : null;
	}

}
