package io.mongoose.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two headless Chromium sessions on the chat page: a message typed in one shows in both
 * (WebSocket), the server clock ticks and the user count shows (Server-Sent Events from
 * {@code /events}, read by the page's {@code EventSource}), and a screenshot is saved as
 * {@code target/chat-screenshot.png}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (CI installs them): without them the test fails.
 */
class ChatBrowserTests extends SampleTestSupport {

	static final File CHROMIUM = new File("/usr/bin/chromium");

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private ChromeDriver alice;

	private ChromeDriver bob;

	@BeforeEach
	void openBrowsers() throws Exception {
		assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").canRead();
		assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").canRead();
		this.alice = browser();
		this.bob = browser();
	}

	@AfterEach
	void closeBrowsers() {
		if (this.alice != null) {
			this.alice.quit();
		}
		if (this.bob != null) {
			this.bob.quit();
		}
	}

	@Test
	void aMessageFromOneBrowserShowsInBothAndTheClockTicks() throws Exception {
		for (WebDriver browser : new WebDriver[] { this.alice, this.bob }) {
			browser.get(url("/"));
			waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		}
		String first = waitFor(this.alice).until((d) -> {
			String time = d.findElement(By.id("clock")).getText();
			return time.matches("\\d\\d:\\d\\d:\\d\\d") ? time : null;
		});
		this.alice.findElement(By.id("name")).clear();
		this.alice.findElement(By.id("name")).sendKeys("alice");
		this.alice.findElement(By.id("text")).sendKeys("Hello from Chromium");
		this.alice.findElement(By.id("send")).click();
		for (WebDriver browser : new WebDriver[] { this.alice, this.bob }) {
			waitFor(browser)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Hello from Chromium"));
			assertThat(browser.findElement(By.id("messages")).getText()).contains("alice");
		}
		waitFor(this.bob).until((d) -> !d.findElement(By.id("clock")).getText().equals(first));
		assertThat(Integer.parseInt(this.bob.findElement(By.id("users")).getText())).isGreaterThanOrEqualTo(2);
		Path screenshot = Path.of("target", "chat-screenshot.png");
		Files.write(screenshot, this.bob.getScreenshotAs(OutputType.BYTES));
		assertThat(screenshot).isNotEmptyFile();
	}

	@Test
	void anEventSourceReadsTheLiveEvents() {
		this.alice.get(url("/"));
		waitFor(this.alice).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		this.alice.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		Object events = ((JavascriptExecutor) this.alice).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const source = new EventSource("/events");
				const seen = {};
				for (const type of ["users", "clock"]) {
				  source.addEventListener(type, (e) => {
				    seen[type] = e.data;
				    if (seen.users !== undefined && seen.clock !== undefined) {
				      done([source.readyState, seen.users, seen.clock]);
				      source.close();
				    }
				  });
				}
				""");
		assertThat(events).isInstanceOf(List.class);
		List<?> values = (List<?>) events;
		assertThat(values).hasSize(3);
		assertThat(values.get(0)).as("readyState OPEN").isEqualTo(1L);
		assertThat(Integer.parseInt((String) values.get(1))).as("users").isGreaterThanOrEqualTo(1);
		assertThat((String) values.get(2)).as("clock").matches("\\d\\d:\\d\\d:\\d\\d");
	}

	private static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	private static ChromeDriver browser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=900,700",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
