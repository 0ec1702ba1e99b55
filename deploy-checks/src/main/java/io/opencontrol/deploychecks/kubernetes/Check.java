package io.opencontrol.deploychecks.kubernetes;

import java.util.List;

/**
 * One family of rules over a whole rendering, reporting every object and field that
 * breaks one.
 */
public interface Check {

	List<Finding> check(Rendering rendering);

}
