package com.careslot;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} with {@code chromium-driver}; nothing is downloaded) on the pages
 * of the running system. Without Chromium a browser test is skipped, except under {@code CI=true}, where it fails.
 * Every test saves screenshots under {@code target/screenshots}.
 * <p>
 * Starting Chromium costs about a second and a half on a 2-core machine, so a closed browser is kept for the next
 * test in a fresh state: a new tab (the pages keep their session in {@code sessionStorage}, which is per tab), no
 * cookies, the desktop viewport, its console read out. The kept browsers quit when the JVM ends.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("careslot.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("careslot.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    // A bound, not a delay: on a loaded 2-core CI machine (load average 16) an admin's sign-in once took over 20 s.
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    final WebDriver driver;
    private final String baseUrl;

    private Browser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Chromium is needed for the browser tests under CI=true: install chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + ")");
        }
        Assumptions.assumeTrue(present, "Chromium not installed (" + CHROMIUM + "): browser test skipped");
    }

    /** Browsers closed by a test, in a fresh state, for the next one. */
    private static final Deque<ChromeDriver> KEPT = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (KEPT) {
                KEPT.forEach(Browser::quietlyQuit);
                KEPT.clear();
            }
        }, "browser-quit"));
    }

    static Browser open(String baseUrl) {
        requireChromium();
        ChromeDriver kept;
        synchronized (KEPT) {
            kept = KEPT.poll();
        }
        return new Browser(kept != null ? kept : start(), baseUrl);
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB");
        // The page's console goes into a failed wait's message: what the page said when it did not get there.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        return driver;
    }

    Browser go(String pathAndFragment) {
        driver.get(baseUrl + pathAndFragment);
        return this;
    }

    WebElement find(String css) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        waitFor().ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class).until(driver -> {
            WebElement input = driver.findElement(By.cssSelector(css));
            input.clear();
            input.sendKeys(text);
            return true;
        });
    }

    /** Clicks once the element is there and enabled; a live page may redraw it in between, so a stale one is found again. */
    void click(String css) {
        waitFor().ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .ignoring(ElementClickInterceptedException.class).until(driver -> {
            WebElement element = driver.findElement(By.cssSelector(css));
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    void until(String css) {
        find(css);
    }

    void untilGone(String css) {
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    void untilText(String css, String text) {
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    String text(String css) {
        return find(css).getText();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void signIn(String email, String password) {
        go("/#/sign-in");
        type("input[name=email]", email);
        type("input[name=password]", password);
        click("form button[type=submit]");
        until("#sign-out");
    }

    WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
        wait.withMessage(this::whatThePageShows);
        return wait;
    }

    /** The page's address, its visible text and its console, for the message of a wait that timed out. */
    private String whatThePageShows() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append("\n  ").append(entry.getLevel())
                    .append(' ').append(entry.getMessage()));
            return "the page at " + driver.getCurrentUrl() + " shows:\n"
                    + text.substring(0, Math.min(text.length(), 1500)) + "\nconsole:" + console;
        } catch (RuntimeException e) {
            return "(the page could not be read: " + e + ")";
        }
    }

    /** A phone's viewport (390 × 844 CSS pixels, an iPhone 14's); {@link #desktop()} goes back. */
    Browser phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        return this;
    }

    Browser desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
        return this;
    }

    /** Whether the page is wider than its viewport (something cut off or scrolling sideways on a phone). */
    boolean scrollsSideways() {
        return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    }

    /** Whether the element is inside the viewport now (feedback where the eye is). */
    boolean inView(String css) {
        return (Boolean) script("const r = arguments[0].getBoundingClientRect();"
                + "return r.top >= 0 && r.top < window.innerHeight;", find(css));
    }

    /**
     * Runs axe-core (a test resource, see {@code src/test/resources/axe/README.md}) on the page as it is now and fails
     * on any serious or critical violation, naming the rule and the first elements.
     */
    void axe(String page) {
        if (!Boolean.TRUE.equals(script("return !!window.axe;"))) {
            script(axeScript());
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        List<?> violations = (List<?>) result;
        if (!violations.isEmpty()) {
            fail("Accessibility violations on " + page + " (" + driver.getCurrentUrl() + "):\n  "
                    + String.join("\n  ", violations.stream().map(String::valueOf).toList()));
        }
    }

    private static String axeScript;

    private static synchronized String axeScript() {
        if (axeScript == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is missing from the test resources (/axe/axe.min.js)");
                }
                axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeScript;
    }

    /** Saves the page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + name, e);
        }
    }

    /** Keeps the browser for the next test, in a fresh state; one that cannot be reset quits. */
    @Override
    public void close() {
        ChromeDriver chromium = (ChromeDriver) driver;
        try {
            String fresh = chromium.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String tab : chromium.getWindowHandles()) {
                if (!tab.equals(fresh)) {
                    chromium.switchTo().window(tab).close();
                }
            }
            chromium.switchTo().window(fresh);
            chromium.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            chromium.manage().window().setSize(new Dimension(1280, 1000));
            chromium.manage().logs().get(LogType.BROWSER);
        } catch (RuntimeException e) {
            quietlyQuit(chromium);
            return;
        }
        synchronized (KEPT) {
            KEPT.push(chromium);
        }
    }

    private static void quietlyQuit(ChromeDriver chromium) {
        try {
            chromium.quit();
        } catch (RuntimeException e) {
            // gone already
        }
    }
}
