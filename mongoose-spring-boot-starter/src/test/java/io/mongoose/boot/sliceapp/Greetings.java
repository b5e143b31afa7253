package io.mongoose.boot.sliceapp;

import org.springframework.stereotype.Service;

/** The service {@link GreetingHandler} needs. */
@Service
public class Greetings {

	public String greet(String name) {
		return "Hello, " + name;
	}

}
