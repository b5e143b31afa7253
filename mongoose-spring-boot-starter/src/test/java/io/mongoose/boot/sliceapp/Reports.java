package io.mongoose.boot.sliceapp;

import org.springframework.stereotype.Service;

/** A service no handler needs: a slice leaves it out. */
@Service
public class Reports {

	public String title() {
		return "monthly";
	}

}
