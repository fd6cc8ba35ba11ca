using Microsoft.Playwright;
using Weft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Weft.Console.Tests;

public sealed class LoginTests
{
    [Fact]
    public async Task A_wrong_token_is_refused_and_weftds_token_opens_the_console_with_kialis_navigation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await using var weftd = await WeftdProcess.StartAsync(ct);
        var page = browser.Page;

        await page.GotoAsync(new Uri(weftd.BaseAddress, "/console/workloads").ToString());
        await page.FillAsync("#token", "not-the-token");
        await page.ClickAsync("[data-testid=login]");
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("not valid for this weftd");

        await page.FillAsync("#token", weftd.Token);
        await page.ClickAsync("[data-testid=login]");
        foreach (var section in new[] { "Overview", "Traffic Graph", "Applications", "Workloads", "Services", "Istio Config", "Traces" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToBeVisibleAsync();
        // The client route survives the login and a reload: the token is kept for the tab.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("sessionStorage.getItem('weft.token')")).Should().Be(weftd.Token);
        await browser.ScreenshotAsync("login-workloads");

        await page.ClickAsync("[data-testid=logout]");
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Weftd_without_a_console_build_says_where_to_build_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var home = Repo.TempDir("weft-no-console");
        var empty = Directory.CreateDirectory(Path.Combine(home.Path, "empty")).FullName;
        await using var weftd = ManagedProcess.Start(Repo.Binary("Weft.ControlPlane", "weftd"),
            ["--data-dir", Path.Combine(home.Path, "data"), "--listen", "127.0.0.1:0", "--discovery-listen", "127.0.0.1:0"],
            new Dictionary<string, string?> { ["WEFT_CONSOLE_DIR"] = empty });
        var line = await weftd.WaitForLineAsync(WeftdProcess.ReadyLinePrefix, TimeSpan.FromSeconds(60), ct);
        using var http = new HttpClient { BaseAddress = new Uri(line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim()) };
        using var r = await http.GetAsync("/console/", ct);
        ((int)r.StatusCode).Should().Be(404);
        (await r.Content.ReadAsStringAsync(ct)).Should().Contain("npm ci && npm run build").And.Contain(empty);
    }
}
