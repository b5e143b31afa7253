package io.mongoose;

/**
 * An option a server refused: an unknown name, an invalid value, or a value that cannot
 * be applied (a missing file, for example). The message is the one
 * {@link Server#setOption} returns; nothing was changed.
 */
public class OptionException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String option;

	/**
	 * @param option the option's name
	 * @param message what is wrong, for the user
	 */
	public OptionException(String option, String message) {
		super(message);
		this.option = option;
	}

	/** The name of the option refused. */
	public String option() {
		return this.option;
	}

}
