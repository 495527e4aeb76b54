"""A new build: offered, never forced; a broken one never replaces the working offline copy."""
from __future__ import annotations

from support import edit_json, wait_until_offline_ready

# The page changes controller as soon as the new worker takes over; its clean-up of old caches
# finishes when it reaches "activated".
UNTIL_ACTIVATED = """navigator.serviceWorker.getRegistration().then((r) => r.active.state === 'activated' ||
    new Promise((resolve) => r.active.addEventListener('statechange', () => r.active.state === 'activated' && resolve())))"""
CHECK_FOR_UPDATE = "navigator.serviceWorker.getRegistration().then((r) => r.update()).catch((e) => String(e))"


def corner_caches(page) -> list[str]:
    return [name for name in page.evaluate("caches.keys()") if name.startswith("corner:")]


def test_update_is_offered_and_applied_only_when_the_user_accepts(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    page.evaluate("caches.open('another-app').then((cache) => cache.put('/x', new Response('keep')))")
    [first_cache] = corner_caches(page)

    edit_json(own_site.content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title="HSI Tip Line (renamed)"))
    own_site.rebuild()
    page.fill("#search-input", "half-typed")  # present since page load: nothing may wipe it
    page.evaluate(CHECK_FOR_UPDATE)
    page.wait_for_selector("#update-banner:not([hidden])")
    tip_line = page.locator("main a[href$='/resources/hsi-tip-line/']")
    assert tip_line.text_content() == "HSI Tip Line"  # no surprise reload
    assert page.input_value("#search-input") == "half-typed"

    with page.expect_navigation():
        page.click("#update-button")
    assert tip_line.text_content() == "HSI Tip Line (renamed)"
    page.evaluate(UNTIL_ACTIVATED)
    [second_cache] = corner_caches(page)
    assert second_cache != first_cache
    assert "another-app" in page.evaluate("caches.keys()")  # only this app's old caches are deleted


def test_a_broken_deploy_keeps_the_working_offline_copy(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    [working_cache] = corner_caches(page)

    edit_json(own_site.content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title="Broken deploy"))
    own_site.rebuild()
    (own_site.out_dir / "resources/human-trafficking/index.html").unlink()  # one precached file missing
    page.evaluate(CHECK_FOR_UPDATE)
    page.evaluate("""new Promise((resolve) => navigator.serviceWorker.getRegistration().then((r) => {
        const worker = r.installing;
        if (!worker) return resolve();
        worker.addEventListener('statechange', () => worker.state === 'redundant' && resolve());
    }))""")
    assert page.is_hidden("#update-banner")
    assert corner_caches(page) == [working_cache]

    own_site.stop()
    context.set_offline(True)
    page.goto(own_site.url + "resources/hsi-tip-line/")
    assert page.text_content("h1") == "HSI Tip Line"
    page.goto(own_site.url + "resources/human-trafficking/")
    assert page.text_content("h1") == "Human Trafficking"
    context.expected_errors = ["404 (Not Found)"]
