package io.opencontrol.edge.inference;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The robot's inference: which model it runs locally, where the last good version is
 * kept, and the thresholds of the routing policy.
 *
 * @param model the model served in the cloud and run on the robot
 * @param localModels where downloaded versions are kept (the last good one survives
 * restarts and outages); its default, under the user's home, is in application.yaml
 * because a default value here would not resolve placeholders
 * @param syncInterval how often the cloud is asked for a newer version
 * @param localConcurrency local inferences at once; more waiting means the local runner
 * is overloaded and requests go to the cloud
 * @param confidenceOutput the output holding the model's confidence
 * @param confidenceThreshold a local answer less confident than this is asked of the
 * cloud again
 */
@ConfigurationProperties("opencontrol.edge.inference")
public record InferenceProperties(@DefaultValue("world_model") String model, Path localModels,
		@DefaultValue("15s") Duration syncInterval, @DefaultValue("2") int localConcurrency,
		@DefaultValue("confidence") String confidenceOutput, @DefaultValue("0.5") double confidenceThreshold) {

}
