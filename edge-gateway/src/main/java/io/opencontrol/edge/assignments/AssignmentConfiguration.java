package io.opencontrol.edge.assignments;

import io.opencontrol.edge.cloud.Cloud;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The robot's open tasks, followed from the coordinator, and its reports about them. */
@Configuration(proxyBeanMethods = false)
class AssignmentConfiguration {

	@Bean
	RobotAssignments robotAssignments() {
		return new RobotAssignments();
	}

	@Bean
	AssignmentFeed assignmentFeed(Cloud cloud, RobotAssignments assignments, AssignmentProperties properties,
			JsonMapper json) {
		return new AssignmentFeed(cloud, assignments, properties, json);
	}

	@Bean
	TaskReports taskReports(Cloud cloud, RobotAssignments assignments, AssignmentProperties properties,
			JsonMapper json) {
		return new TaskReports(cloud, assignments, properties, json);
	}

}
