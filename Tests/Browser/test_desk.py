"""The browser desk in a real browser: Debian's chromium driven by Selenium, headless.

Scripts/browser-check starts a throwaway desk (database, users, factcheck-server) and runs this
file with DESK_URL, FACTCHECK_BIN, FACTCHECK_DATABASE_URL, DESK_PASSWORD and DESK_SCREENSHOTS set.
Every claim a test works on is its own, set up through the CLI, so the tests do not depend on
one another's order.
"""
import itertools
import json
import os
import subprocess
import time
import unittest

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ["DESK_URL"]
BIN = os.environ["FACTCHECK_BIN"]
PASSWORD = os.environ["DESK_PASSWORD"]
SHOTS = os.environ.get("DESK_SCREENSHOTS", "")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_numbers = itertools.count(1)

HOSTILE = [
    '<script>alert("claim")</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(2)' x='",
    "</textarea><script>alert(3)</script>",
    "{{csrf}} {{{body}}} {{#me}}mustache{{/me}}",
    "javascript:alert(4)",
]


def cli(*args, as_user="maria", check=True):
    """Runs the factcheck CLI against the desk's database; returns its standard output."""
    done = subprocess.run([BIN, *args, "--as", as_user], capture_output=True, text=True, timeout=60)
    if check and done.returncode != 0:
        raise AssertionError(f"factcheck {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def new_claim(text=None, claimant="Lena Hart", assign=None, start=False, source=False):
    """A claim of its own for one test, taken as far as asked through the CLI."""
    n = next(_numbers)
    text = text or f"Exports doubled in 2025, case {n} of {os.getpid()}."
    out = cli("claim", "add", text, "--claimant", claimant, "--format", "json", as_user="ed")
    claim = json.loads(out)[0]["id"]
    if assign:
        cli("claim", "assign", claim, assign, as_user="ed")
    if start:
        cli("claim", "start", claim, as_user=assign or "ben")
    if source:
        cli("source", "add", claim, "--url", f"https://stats.example.org/table-{n}", "--title", "Trade table",
            as_user=assign or "ben")
    return claim


def browser(js=True, width=1280, height=900):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=en-GB"]:
        options.add_argument(argument)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not js:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(0)
    return driver


def login(driver, handle):
    driver.get(URL + "/login")
    driver.find_element(By.ID, "handle").send_keys(handle)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)


def submit(driver, form_id):
    """Presses the form's button and waits for the next page."""
    form = driver.find_element(By.ID, form_id)
    old = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: _stale(old))


def _stale(element):
    try:
        element.tag_name
        return False
    except Exception:
        return True


def state(driver):
    return driver.find_element(By.ID, "claim-state").text


def errors_in_console(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def no_alert(driver):
    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return True
    raise AssertionError(f"an injected script ran: alert {text!r}")


class DeskDay(unittest.TestCase):
    """A whole desk day in three browser sessions: an editor and two reviewers."""

    def walk(self, js):
        sessions = {name: browser(js=js) for name in ("ed", "ben", "chen")}
        try:
            for name, driver in sessions.items():
                login(driver, name)
            ed, ben, chen = sessions["ed"], sessions["ben"], sessions["chen"]

            # The editor logs an article with its text and logs a sentence from its candidates.
            ed.get(URL + "/articles")
            ed.find_element(By.CSS_SELECTOR, "details summary").click()
            url = f"https://ledger.example/summit-{os.getpid()}-{'js' if js else 'nojs'}"
            ed.find_element(By.ID, "a-url").send_keys(url)
            ed.find_element(By.ID, "a-title").send_keys("Summit ends with a trade pledge")
            ed.find_element(By.ID, "a-outlet").send_keys("The Northern Ledger")
            with open(os.path.join(ROOT, "Scripts/sample/summit-article.txt"), encoding="utf-8") as f:
                text = f.read()
            ed.find_element(By.ID, "a-text").send_keys(text)
            submit(ed, "article-form")
            self.assertIn("/articles/", ed.current_url)
            # One claim per text: each walk logs its own sentence of the same article.
            first = ed.find_elements(By.CSS_SELECTOR, "ol.candidates > li")[0 if js else 1]
            self.assertTrue(first.find_elements(By.CSS_SELECTOR, "ul.features li"), "each candidate explains its score")
            first.find_element(By.CSS_SELECTOR, "input[name=claimant]").send_keys("Trade minister")
            old = ed.find_element(By.TAG_NAME, "html")
            first.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            WebDriverWait(ed, 10).until(lambda d: _stale(old))
            self.assertRegex(ed.current_url, r"/claims/C-\d+$")
            claim = ed.current_url.rsplit("/", 1)[1]
            self.assertEqual(state(ed), "logged")

            # Assigned to ben, who starts research, adds a source and proposes.
            Select(ed.find_element(By.ID, "assign-user")).select_by_value("ben")
            submit(ed, "move-assign")
            self.assertEqual(ed.find_element(By.ID, "assignee").text, "ben")
            ben.get(f"{URL}/claims/{claim}")
            submit(ben, "move-start")
            self.assertEqual(state(ben), "in research")
            ben.find_element(By.ID, "s-url").send_keys("https://trade.example.gov/pledge.pdf")
            ben.find_element(By.ID, "s-title").send_keys("The pledge, as signed")
            Select(ben.find_element(By.ID, "s-kind")).select_by_value("primary_document")
            Select(ben.find_element(By.ID, "s-stance")).select_by_value("refutes")
            submit(ben, "source-form")
            self.assertIn("The pledge, as signed", ben.find_element(By.ID, "sources").text)
            Select(ben.find_element(By.ID, "propose-rating")).select_by_value("false")
            ben.find_element(By.ID, "propose-conclusion").send_keys("The pledge names no figure.")
            submit(ben, "move-propose")
            self.assertEqual(state(ben), "in review")
            # Four eyes: ben is told why he may not approve his own verdict.
            self.assertIn("ben proposed this verdict and so may not approve it too (four-eyes rule)",
                          ben.find_element(By.ID, "moves").text)
            self.assertFalse(ben.find_elements(By.ID, "move-approve"))

            # chen returns it; ben proposes again; chen approves.
            chen.get(f"{URL}/claims/{claim}")
            chen.find_element(By.ID, "return-reason").send_keys("Quote the pledge's own words.")
            submit(chen, "move-return")
            self.assertEqual(state(chen), "in research")
            ben.get(f"{URL}/claims/{claim}")
            Select(ben.find_element(By.ID, "propose-rating")).select_by_value("mostly-false")
            ben.find_element(By.ID, "propose-conclusion").send_keys("The pledge, quoted: no figure is named.")
            submit(ben, "move-propose")
            chen.get(f"{URL}/claims/{claim}")
            submit(chen, "move-approve")
            self.assertEqual(state(chen), "approved")

            # The editor publishes, then reopens for a correction.
            ed.get(f"{URL}/claims/{claim}")
            ed.find_element(By.ID, "publish-url").send_keys("https://ledger.example/checks/pledge")
            submit(ed, "move-publish")
            self.assertEqual(state(ed), "published")
            ed.find_element(By.ID, "reopen-reason").send_keys("Correction: the ministry published a figure.")
            submit(ed, "move-reopen")
            self.assertEqual(state(ed), "in research")
            history = ed.find_element(By.ID, "history").text
            for words in ["logged the claim", "assigned it", "started research", "added source", "proposed a verdict",
                          "returned the verdict", "approved the verdict", "published it", "reopened it"]:
                self.assertIn(words, history)

            # "Already checked?": with JavaScript it is loaded into the page after it is shown;
            # without, it is a link to its own page.
            if js:
                WebDriverWait(ed, 10).until(
                    lambda d: not d.find_elements(By.CSS_SELECTOR, "#similar a[href$='/similar']"))
                self.assertTrue(ed.find_elements(By.CSS_SELECTOR, "#similar ul.plain"))
            else:
                ed.find_element(By.CSS_SELECTOR, "#similar a").click()
                self.assertIn("Claims that read like " + claim, ed.find_element(By.TAG_NAME, "h1").text)
                ed.back()

            if SHOTS and js:
                shoot(ed, f"{URL}/claims", "claim-list")
                shoot(ed, f"{URL}/claims/{claim}", "claim-page")
                shoot(ben, URL + "/", "my-work")
            for driver in sessions.values():
                self.assertEqual(errors_in_console(driver), [])

            # The audit log, through the CLI: every move, from the web, and the chains verify.
            events = json.loads(cli("audit", "log", "--claim", claim, "--format", "json"))
            actions = [e["action"] for e in events]
            self.assertEqual(actions, ["claim.logged", "claim.assigned", "claim.state_changed", "source.added",
                                       "verdict.proposed", "verdict.returned", "verdict.proposed", "verdict.approved",
                                       "claim.published", "claim.reopened"])
            self.assertTrue(all(e["channel"] == "web" and e["via"].startswith("session:") for e in events))
            self.assertEqual([e["actor"] for e in events],
                             ["ed", "ed", "ben", "ben", "ben", "chen", "ben", "chen", "ed", "ed"])
            verify = subprocess.run([BIN, "audit", "verify", "--as", "maria"], capture_output=True, text=True)
            self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        finally:
            for driver in sessions.values():
                driver.quit()

    def test_a_desk_day_with_javascript(self):
        self.walk(js=True)

    def test_a_desk_day_without_javascript(self):
        self.walk(js=False)


def shoot(driver, url, name):
    """Desktop and phone screenshots of a page, full length, for README."""
    os.makedirs(SHOTS, exist_ok=True)
    for width, suffix in [(1280, ""), (390, "-phone")]:
        driver.set_window_size(width, 900)
        driver.get(url)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(height, 2400))
        time.sleep(0.2)  # layout after the resize, before the picture (not a timing check)
        driver.save_screenshot(os.path.join(SHOTS, f"{name}{suffix}.png"))
    driver.set_window_size(1280, 900)


class TwoSessionsOnOneClaim(unittest.TestCase):
    """The second of two people on one claim: refused as stale, typed text kept, the change shown."""

    def race(self, js):
        claim = new_claim(assign="ben", start=True, source=True)
        ben, chen = browser(js=js), browser(js=js)
        try:
            login(ben, "ben")
            login(chen, "chen")
            ben.get(f"{URL}/claims/{claim}")
            chen.get(f"{URL}/claims/{claim}")
            typed = "Ben's conclusion, typed while chen was quicker."
            ben.find_element(By.ID, "propose-conclusion").send_keys(typed)
            Select(chen.find_element(By.ID, "propose-rating")).select_by_value("true")
            chen.find_element(By.ID, "propose-conclusion").send_keys("chen's verdict")
            submit(chen, "move-propose")
            self.assertEqual(state(chen), "in review")
            if js:
                # Within a second of chen's move, ben's page shows it and says who did it.
                # The live update replaces the page's parts: an element found just before its part
                # is swapped goes stale, and the wait looks again.
                WebDriverWait(ben, 1.0, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]).until(
                    lambda d: "changed by chen just now" in d.find_element(By.ID, "live").text)
                WebDriverWait(ben, 1.0, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]).until(
                    lambda d: state(d) == "in review")
                self.assertEqual(ben.find_element(By.ID, "propose-conclusion").get_attribute("value"), typed,
                                 "the live update leaves what is being typed alone")
            submit(ben, "move-propose")
            stale = ben.find_element(By.ID, "stale").text
            self.assertIn(f"{claim} was changed by chen since you opened it", stale)
            self.assertIn("chen proposed a verdict", stale)
            self.assertEqual(ben.find_element(By.ID, "propose-conclusion").get_attribute("value") if
                             ben.find_elements(By.ID, "propose-conclusion") else None, typed)
            events = json.loads(cli("audit", "log", "--claim", claim, "--format", "json"))
            self.assertEqual([e["action"] for e in events].count("verdict.proposed"), 1, "the stale form wrote nothing")
        finally:
            ben.quit()
            chen.quit()

    def test_the_stale_form_without_javascript(self):
        self.race(js=False)

    def test_the_stale_form_with_live_updates(self):
        self.race(js=True)


class HostileTexts(unittest.TestCase):
    """Texts that try to be markup, script or template render as text, and run nothing."""

    def test_hostile_texts_render_as_text(self):
        claims = [new_claim(text=f"{text} (hostile {i}, {os.getpid()})", claimant=text, assign="ben", start=True)
                  for i, text in enumerate(HOSTILE)]
        first = claims[0]
        cli("source", "add", first, "--url", "https://example.org/?q=%3Cscript%3E", "--title", HOSTILE[1],
            "--note", HOSTILE[3], as_user="ben")
        driver = browser(js=True)
        try:
            login(driver, "ben")
            driver.get(f"{URL}/claims/{first}")
            driver.find_element(By.ID, "note-body").send_keys(HOSTILE[0] + " " + HOSTILE[4])
            submit(driver, "note-form")
            for i, claim in enumerate(claims):
                driver.get(f"{URL}/claims/{claim}")
                no_alert(driver)
                self.assertEqual(driver.find_element(By.ID, "claim-text").text, f"{HOSTILE[i]} (hostile {i}, {os.getpid()})")
                self.assertEqual(driver.find_element(By.ID, "claimant").text, HOSTILE[i].strip())
            driver.get(f"{URL}/claims/{first}")
            self.assertIn(HOSTILE[1], driver.find_element(By.ID, "sources").text)
            self.assertIn(HOSTILE[3], driver.find_element(By.ID, "sources").text)
            self.assertIn(HOSTILE[0] + " " + HOSTILE[4], driver.find_element(By.ID, "notes").text)
            self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "main script, main img"), "no element was injected")
            driver.get(f"{URL}/claims?search=hostile")
            no_alert(driver)
            for text in HOSTILE:
                self.assertIn(text.strip(), driver.find_element(By.ID, "claim-list").text)
            self.assertEqual(errors_in_console(driver), [])

            # A source url with a javascript: scheme is refused when entered, with the CLI's words.
            driver.get(f"{URL}/claims/{claims[1]}")
            driver.find_element(By.ID, "s-url").send_keys("javascript:alert(document.cookie)")
            submit(driver, "source-form")
            self.assertIn("is not an http or https address", driver.find_element(By.ID, "error").text)
            self.assertEqual(driver.find_element(By.ID, "s-url").get_attribute("value"), "javascript:alert(document.cookie)")
            self.assertEqual(json.loads(cli("source", "list", claims[1], "--format", "json")), [])
            no_alert(driver)
        finally:
            driver.quit()


class Accessibility(unittest.TestCase):
    def test_the_propose_flow_by_keyboard_alone(self):
        claim = new_claim(assign="ben", start=True, source=True)
        driver = browser(js=True)
        try:
            login(driver, "ben")
            driver.get(f"{URL}/claims/{claim}")
            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)

            def tab_to(element_id, limit=80):
                for _ in range(limit):
                    if driver.switch_to.active_element.get_attribute("id") == element_id:
                        return driver.switch_to.active_element
                    driver.switch_to.active_element.send_keys(Keys.TAB)
                raise AssertionError(f"Tab never reached #{element_id}")

            rating = tab_to("propose-rating")
            outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", rating)
            self.assertNotEqual(outline, "none", "the focused field shows where the keyboard is")
            conclusion = tab_to("propose-conclusion")
            conclusion.send_keys("Proposed with the keyboard alone.")
            conclusion.send_keys(Keys.TAB)
            button = driver.switch_to.active_element
            self.assertEqual(button.text, "Propose")
            old = driver.find_element(By.TAG_NAME, "html")
            button.send_keys(Keys.ENTER)
            WebDriverWait(driver, 10).until(lambda d: _stale(old))
            self.assertEqual(state(driver), "in review")
        finally:
            driver.quit()

    def test_every_input_is_labelled_and_no_page_scrolls_sideways_at_320px(self):
        claim = new_claim(assign="ben", start=True, source=True)
        article = cli("article", "add", "--url", f"https://ledger.example/a11y-{os.getpid()}", "--title", "A11y",
                      "--text-file", os.path.join(ROOT, "Scripts/sample/summit-article.txt"), as_user="ed")
        article_id = article.split()[1]
        pages = ["/", "/claims", f"/claims/{claim}", "/claims/new", "/articles", f"/articles/{article_id}", "/report",
                 "/admin/users", "/admin/tokens", "/admin/scale"]
        driver = browser(js=False, width=320, height=800)
        try:
            driver.get(URL + "/login")
            self.check_page(driver, "/login")
            login(driver, "maria")
            for path in pages:
                driver.get(URL + path)
                self.check_page(driver, path)
        finally:
            driver.quit()

    def check_page(self, driver, path):
        unlabelled = driver.execute_script("""
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
              .filter(e => !e.labels || e.labels.length === 0 || !e.labels[0].textContent.trim())
              .map(e => e.outerHTML.slice(0, 80));""")
        self.assertEqual(unlabelled, [], f"{path}: every input has a label")
        widths = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        self.assertLessEqual(widths[0], widths[1], f"{path} scrolls sideways at 320 px: {widths}")


if __name__ == "__main__":
    unittest.main()
