package io.opencontrol.edge.cloud;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this robot reaches the cloud: the gateway's URL, and the robot's own client
 * credentials, exchanged at the gateway's token endpoint for an access token.
 *
 * @param url the OpenControl gateway
 * @param robotId the robot this edge gateway speaks for (its token's {@code robot_id})
 * @param clientId the robot's OAuth2 client
 * @param clientSecret its secret
 * @param connectTimeout how long a connection to the cloud may take to open
 * @param tokenRefreshAhead how long before its expiry a token is replaced (at most half
 * its lifetime)
 */
@ConfigurationProperties("opencontrol.edge.cloud")
public record CloudProperties(@DefaultValue("http://localhost:8080") URI url,
		@DefaultValue("demo-robot-1") String robotId, @DefaultValue("demo-robot") String clientId,
		@DefaultValue("") String clientSecret, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2m") Duration tokenRefreshAhead) {

}
