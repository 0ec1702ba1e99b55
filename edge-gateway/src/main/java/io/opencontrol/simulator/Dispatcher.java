package io.opencontrol.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fleet busy: assigns a task at a random place on the map (a third of them with
 * a drop-off) through {@code /assign_task}, as an operator would. A task needs the
 * capability named by its type.
 */
class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final Operator operator;

	private final String fleet;

	private final double width;

	private final double height;

	private final Random random = new Random(7);

	final AtomicLong assigned = new AtomicLong();

	final AtomicLong queued = new AtomicLong();

	final AtomicLong refused = new AtomicLong();

	Dispatcher(Operator operator, String fleet, double width, double height) {
		this.operator = operator;
		this.fleet = fleet;
		this.width = width;
		this.height = height;
	}

	void assignOne() {
		Map<String, Object> task = new LinkedHashMap<>();
		task.put("fleet", this.fleet);
		String type = this.random.nextBoolean() ? "pick" : "inspect";
		task.put("type", type);
		// Work for robots equipped for it: the demo robot of bin/opencontrol up has no
		// software doing tasks and no capabilities, so it is never given one.
		task.put("required_capabilities", List.of(type));
		task.put("priority", this.random.nextInt(11));
		task.put("location", point());
		if (this.random.nextInt(3) == 0) {
			task.put("dropoff", point());
		}
		task.put("estimated_duration_s", 5 + this.random.nextInt(26));
		try {
			HttpResponse<String> answer = this.operator.post("/assign_task", task);
			switch (answer.statusCode()) {
				case 200, 201 -> this.assigned.incrementAndGet();
				case 202 -> this.queued.incrementAndGet();
				default -> {
					this.refused.incrementAndGet();
					logger.warn("The coordinator refused a task (HTTP {}): {}", answer.statusCode(), answer.body());
				}
			}
		}
		catch (IOException ex) {
			this.refused.incrementAndGet();
			logger.warn("Could not assign a task: {}", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Map<String, Double> point() {
		return Map.of("x", Math.round(this.random.nextDouble() * this.width * 10) / 10.0, "y",
				Math.round(this.random.nextDouble() * this.height * 10) / 10.0);
	}

}
