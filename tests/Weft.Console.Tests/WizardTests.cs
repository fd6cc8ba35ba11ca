using Weft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Weft.Console.Tests;

public sealed class WizardTests
{
    [Fact]
    public async Task The_traffic_shifting_wizard_writes_a_virtual_service_with_the_weights_and_subsets_for_both_versions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await using var weftd = await WeftdProcess.StartAsync(ct);
        using var api = weftd.CreateClient();
        await ReviewsMesh.ApplyAsync(api, ReviewsMesh.Objects(), ct);
        await browser.LoginAsync(weftd.BaseAddress, weftd.Token);
        var page = browser.Page;

        await page.GotoAsync(new Uri(weftd.BaseAddress, "/console/services/shop/reviews").ToString());
                await page.GetByTestId("wizard-traffic-shifting").ClickAsync();
        await page.GetByTestId("weight-v1").FillAsync("80");
        await page.GetByTestId("weight-v2").FillAsync("20");
        await Expect(page.GetByTestId("wizard-preview")).ToContainTextAsync("weight: 20");
        await browser.ScreenshotAsync("wizard-traffic-shifting");
        await page.GetByTestId("wizard-create").ClickAsync();
        await Expect(page.GetByTestId("wizard-done")).ToBeVisibleAsync();

        var vs = await ReviewsMesh.GetAsync(api, "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews", ct);
        vs.Should().NotBeNull("the wizard writes a VirtualService named after the service");
        var route = vs!["spec"]!["http"]![0]!["route"]!.AsArray();
        route.Select(r => $"{r!["destination"]!["subset"]}={r["weight"]}").Should().Equal("v1=80", "v2=20");
        vs["metadata"]!["labels"]!["weft.io/wizard"]!.GetValue<string>().Should().Be("traffic-shifting");
        var dr = await ReviewsMesh.GetAsync(api, "/apis/networking.istio.io/v1/namespaces/shop/destinationrules/reviews", ct);
        dr!["spec"]!["subsets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("v1", "v2");

        // The circuit breaker adds outlier detection to the same DestinationRule and keeps its subsets.
        await page.GetByTestId("wizard-circuit-breaker").ClickAsync();
        await page.Locator("#be").FillAsync("180s");
        await page.GetByTestId("wizard-create").ClickAsync();
        await Expect(page.GetByTestId("wizard-done")).ToContainTextAsync("Circuit breaker written");
        dr = await ReviewsMesh.GetAsync(api, "/apis/networking.istio.io/v1/namespaces/shop/destinationrules/reviews", ct);
        var outlier = dr!["spec"]!["trafficPolicy"]!["outlierDetection"]!;
        outlier["consecutive5xxErrors"]!.GetValue<int>().Should().Be(1);
        outlier["baseEjectionTime"]!.GetValue<string>().Should().Be("180s");
        dr["spec"]!["subsets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("v1", "v2");

        // What it wrote is ordinary config: listed on the Istio Config page like anything else.
        await page.GotoAsync(new Uri(weftd.BaseAddress, "/console/istio").ToString());
        await Expect(page.Locator("[data-row='VirtualService/shop/reviews']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("wizard-istio-config");
    }
}
