using System.Text.Json.Nodes;
using Weft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Weft.Console.Tests;

public sealed class IstioConfigTests
{
    private const string MissingSubset = """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"reviews","namespace":"shop"},
         "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v2"}}]}]}}
        """;

    [Fact]
    public async Task A_virtual_service_with_a_missing_subset_shows_IST0101_and_the_editor_names_the_field_it_refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await using var weftd = await WeftdProcess.StartAsync(ct);
        using var api = weftd.CreateClient();
        var list = ReviewsMesh.Objects();
        list["items"]!.AsArray().Add(JsonNode.Parse(MissingSubset));
        await ReviewsMesh.ApplyAsync(api, list, ct);
        await browser.LoginAsync(weftd.BaseAddress, weftd.Token);
        var page = browser.Page;

        await page.GotoAsync(new Uri(weftd.BaseAddress, "/console/istio").ToString());
        var row = page.Locator("[data-row='VirtualService/shop/reviews']");
        // The analyzer runs after the write; the page refreshes every 10 s, so allow for both.
        await Expect(row).ToContainTextAsync("IST0101", new() { Timeout = 45_000 });
        await Expect(row).ToContainTextAsync("reviews+v2");
        await Expect(row.Locator("[data-validation]")).ToHaveAttributeAsync("data-validation", "ERROR");
        await Expect(page.Locator("[data-row='DestinationRule/shop/reviews']")).ToContainTextAsync("Valid");
        await browser.ScreenshotAsync("istio-config-ist0101");

        await row.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "reviews" }).ClickAsync();
        await Expect(page.GetByTestId("yaml")).ToContainTextAsync("subset: v2");
        await Expect(page.GetByTestId("validation")).ToContainTextAsync("IST0101");

        // Weights adding up to 140: weftd's admission refuses it on the dry run, with the field path.
        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Edit" }).ClickAsync();
        await page.GetByTestId("editor").FillAsync("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: shop
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v1}
                  weight: 70
                - destination: {host: reviews, subset: v1}
                  weight: 70
            """);
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("problem-causes")).ToContainTextAsync("spec.http[0].route");
        await browser.ScreenshotAsync("istio-config-editor-refused");
        var stored = await ReviewsMesh.GetAsync(api, "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews", ct);
        stored!["spec"]!["http"]![0]!["route"]![0]!["destination"]!["subset"]!.GetValue<string>().Should().Be("v2", "a refused change writes nothing");

        // Fixed to the subset that exists: saved, and the finding goes away.
        await page.GetByTestId("editor").FillAsync("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: shop
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v1}
            """);
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("result")).ToContainTextAsync("VirtualService shop/reviews configured");
        stored = await ReviewsMesh.GetAsync(api, "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews", ct);
        stored!["spec"]!["http"]![0]!["route"]![0]!["destination"]!["subset"]!.GetValue<string>().Should().Be("v1");
        await Expect(page.GetByTestId("validation")).Not.ToContainTextAsync("IST0101", new() { Timeout = 30_000 });
    }
}
