package io.opencontrol.health.polling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The latest health of every polled component, the overall status derived from it, and
 * the most recent status changes. Exported as {@code opencontrol_component_up} per
 * component and {@code opencontrol_component_status_changes_total} per component and new
 * status.
 */
@Component
public class FleetHealth {

	static final int KEPT_CHANGES = 500;

	private final Map<String, HealthTargetsProperties.Target> targets;

	private final Map<String, ComponentHealth> latest = new ConcurrentHashMap<>();

	private final Deque<StatusChange> changes = new ArrayDeque<>();

	private final MeterRegistry meters;

	FleetHealth(HealthTargetsProperties properties, MeterRegistry meters) {
		this.targets = properties.targets();
		this.meters = meters;
		for (String component : this.targets.keySet()) {
			this.latest.put(component, ComponentHealth.unknown());
			Gauge
				.builder("opencontrol.component.up", this.latest,
						(all) -> (all.get(component).status() == ComponentStatus.UP) ? 1 : 0)
				.tag("component", component)
				.description("1 while the component answers its health check, else 0")
				.register(meters);
		}
	}

	/** Records a poll result; a different status than before is kept as a change. */
	public void record(String component, ComponentHealth health) {
		ComponentHealth previous = this.latest.put(component, health);
		if (previous != null && previous.status() != health.status()) {
			synchronized (this.changes) {
				if (this.changes.size() == KEPT_CHANGES) {
					this.changes.removeFirst();
				}
				this.changes.addLast(new StatusChange(component, previous.status(), health.status(), health.checkedAt(),
						health.reason()));
			}
			this.meters
				.counter("opencontrol.component.status.changes", "component", component, "to", health.status().name())
				.increment();
		}
	}

	public Snapshot snapshot() {
		Map<String, ComponentHealth> components = new TreeMap<>(this.latest);
		return new Snapshot(overall(components), components);
	}

	/** The kept status changes, newest first. */
	public List<StatusChange> recentChanges() {
		synchronized (this.changes) {
			List<StatusChange> newestFirst = new ArrayList<>(this.changes);
			Collections.reverse(newestFirst);
			return newestFirst;
		}
	}

	private ComponentStatus overall(Map<String, ComponentHealth> components) {
		boolean allUp = components.values().stream().allMatch((health) -> health.status() == ComponentStatus.UP);
		if (allUp) {
			return ComponentStatus.UP;
		}
		boolean criticalNotUp = notUp(components).stream().anyMatch((name) -> this.targets.get(name).critical());
		return criticalNotUp ? ComponentStatus.DOWN : ComponentStatus.DEGRADED;
	}

	private static Collection<String> notUp(Map<String, ComponentHealth> components) {
		return components.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().status() != ComponentStatus.UP)
			.map(Map.Entry::getKey)
			.toList();
	}

	/** The overall status and every component's latest health. */
	public record Snapshot(ComponentStatus status, Map<String, ComponentHealth> components) {
	}

}
