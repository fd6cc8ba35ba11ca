using Microsoft.Playwright;
using Weft.Testing;

namespace Weft.Console.Tests;

/// <summary>
/// Debian's Chromium (never a downloaded browser) driven by Playwright, headless, with a fresh
/// profile per test, and the console's build. Skips the test, saying why, only when chromium is not
/// installed and cannot be.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly SemaphoreSlim BuildLock = new(1, 1);

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly TempDir _profile;

    private ConsoleBrowser(IPlaywright playwright, IBrowserContext context, TempDir profile, IPage page)
    {
        _playwright = playwright;
        _context = context;
        _profile = profile;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>The built console, for weftd's WEFT_CONSOLE_DIR (inherited by every weftd a test starts).</summary>
    public static string Dist => Path.Combine(Repo.Root, "console", "dist");

    public static async Task<ConsoleBrowser> LaunchAsync(CancellationToken ct)
    {
        if (!File.Exists(Chromium))
            await TryInstallChromiumAsync(ct);
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} is missing and `apt-get install -y chromium` could not install it (no root, or no package source); the console's browser tests need Debian's chromium and never download one");
        await EnsureBuiltAsync(ct);
        Environment.SetEnvironmentVariable("WEFT_CONSOLE_DIR", Dist);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var profile = Repo.TempDir("weft-chromium");
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-gpu", "--disable-dev-shm-usage"],
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Timeout = 60_000,
        });
        context.SetDefaultTimeout(45_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new ConsoleBrowser(playwright, context, profile, page);
    }

    /// <summary>Opens the console and logs in with the token, as a user pastes it.</summary>
    public async Task LoginAsync(Uri weftd, string token)
    {
        await Page.GotoAsync(new Uri(weftd, "/console/").ToString());
        await Page.FillAsync("#token", token);
        await Page.ClickAsync("[data-testid=login]");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Traffic Graph" })).ToBeVisibleAsync();
    }

    /// <summary>Saves what the page shows now as test-output/console/NAME.png.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var dir = Path.Combine(TestOutput.Dir, "console");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }

    private static async Task TryInstallChromiumAsync(CancellationToken ct)
    {
        try
        {
            await Run.CommandAsync("apt-get", ["install", "-y", "-qq", "chromium"], new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" }, timeout: TimeSpan.FromMinutes(5));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Reported by the skip that follows.
        }
    }

    /// <summary>Builds console/dist when it is missing (test.sh normally has), once per test run.</summary>
    private static async Task EnsureBuiltAsync(CancellationToken ct)
    {
        await BuildLock.WaitAsync(ct);
        try
        {
            if (File.Exists(Path.Combine(Dist, "index.html")))
                return;
            var console = Path.Combine(Repo.Root, "console");
            var env = new Dictionary<string, string?> { ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1" };
            var r = await Run.CommandAsync("bash", ["-c", $"cd '{console}' && (test -d node_modules || npm ci --no-audit --no-fund) && npm run build"], env, timeout: TimeSpan.FromMinutes(5));
            if (r.ExitCode != 0 || !File.Exists(Path.Combine(Dist, "index.html")))
                throw new InvalidOperationException($"cannot build the console (cd console && npm ci && npm run build) exited with {r.ExitCode}:\n{r.Output}");
        }
        finally
        {
            BuildLock.Release();
        }
    }
}
