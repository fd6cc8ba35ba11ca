using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Weft.Console.Tests;

/// <summary>
/// A small mesh for the console's tests, written through weftd's batch apply: Service reviews in
/// namespace shop with two versions (a VM and a container), and a DestinationRule that knows v1 only.
/// </summary>
public static class ReviewsMesh
{
    public const string Namespace = "shop";

    public static JsonObject Objects() => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"shop"},
           "spec":{"selector":{"app":"reviews"},"ports":[{"name":"http","port":9080}]}},
          {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"reviews-v1","namespace":"shop",
            "labels":{"app":"reviews","version":"v1"},"annotations":{"weft.io/kind":"VirtualMachine"}},
           "spec":{"address":"127.0.0.1","labels":{"app":"reviews","version":"v1"}}},
          {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"reviews-v2","namespace":"shop",
            "labels":{"app":"reviews","version":"v2"},"annotations":{"weft.io/kind":"Container"}},
           "spec":{"address":"127.0.0.2","labels":{"app":"reviews","version":"v2"}}},
          {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"reviews","namespace":"shop"},
           "spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":"v1"}}]}}
        ]}
        """)!.AsObject();

    public static async Task ApplyAsync(HttpClient api, JsonObject list, CancellationToken ct)
    {
        using var r = await api.PostAsJsonAsync("/apis/weft.io/v1/apply", list, ct);
        var body = await r.Content.ReadAsStringAsync(ct);
        r.IsSuccessStatusCode.Should().BeTrue($"weftd accepts the test's objects: {body}");
    }

    public static async Task<JsonObject?> GetAsync(HttpClient api, string path, CancellationToken ct)
    {
        using var r = await api.GetAsync(path, ct);
        return r.IsSuccessStatusCode ? JsonNode.Parse(await r.Content.ReadAsStringAsync(ct))!.AsObject() : null;
    }
}
