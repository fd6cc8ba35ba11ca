using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Cli.Config;
using Weft.Cli.Http;

namespace Weft.Cli.Workloads;

/// <summary>
/// The few REST calls workloads need (WorkloadEntries, namespaces, services, bootstrap tokens),
/// as JSON nodes so an entry can be read, changed in one place and written back whole.
/// </summary>
public sealed class MeshApi : IDisposable
{
    public const string WorkloadEntries = "apis/networking.istio.io/v1/workloadentries";
    public const string Services = "api/v1/services";
    public const string Namespaces = "api/v1/namespaces";
    public const string MemberRolls = "apis/maistra.io/v1/servicemeshmemberrolls";

    private readonly HttpClient _http;

    public MeshApi(ClientConfig config)
    {
        Config = config;
        // Never through a proxy: HTTP_PROXY may be a sidecar's (weft workload exec sets it).
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri(config.Server.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (config.Token is { Length: > 0 } token)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("weft-workloads");
    }

    public ClientConfig Config { get; }

    public static string WorkloadEntryPath(string ns, string name) =>
        $"apis/networking.istio.io/v1/namespaces/{Uri.EscapeDataString(ns)}/workloadentries/{Uri.EscapeDataString(name)}";

    public static string WorkloadEntriesIn(string ns) => $"apis/networking.istio.io/v1/namespaces/{Uri.EscapeDataString(ns)}/workloadentries";

    /// <summary>The object, or null when it does not exist (404).</summary>
    public async Task<JsonObject?> TryGetAsync(string path, CancellationToken ct)
    {
        var (code, node) = await SendAsync(HttpMethod.Get, path, null, ct, allowNotFound: true);
        return code == HttpStatusCode.NotFound ? null : node as JsonObject;
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, CancellationToken ct)
    {
        var (_, node) = await SendAsync(HttpMethod.Get, path, null, ct);
        return node?["items"] is JsonArray items ? items.OfType<JsonObject>().ToList() : [];
    }

    public async Task<JsonObject?> PostAsync(string path, JsonNode body, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, path, body, ct)).Node as JsonObject;

    public async Task<JsonObject?> PutAsync(string path, JsonNode body, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Put, path, body, ct)).Node as JsonObject;

    /// <summary>Deletes; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Delete, path, null, ct, allowNotFound: true)).Code != HttpStatusCode.NotFound;

    /// <summary>The batch apply: every object created or replaced in one transaction.</summary>
    public Task<JsonObject?> ApplyAsync(IEnumerable<JsonObject> items, CancellationToken ct) =>
        PostAsync("apis/weft.io/v1/apply", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        }, ct);

    /// <summary>
    /// Reads an object, lets <paramref name="change"/> edit it, and writes it back with its
    /// resourceVersion, retrying when someone else wrote in between (409). False when it is gone.
    /// </summary>
    public async Task<bool> UpdateAsync(string path, Func<JsonObject, bool> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var obj = await TryGetAsync(path, ct);
            if (obj is null)
                return false;
            if (!change(obj))
                return true;
            try
            {
                await PutAsync(path, obj, ct);
                return true;
            }
            catch (ApiException e) when (e.Status.Code == 409 && attempt < 10)
            {
                await Task.Delay(50 * (attempt + 1), ct);
            }
        }
    }

    private async Task<(HttpStatusCode Code, JsonNode? Node)> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"cannot reach the Weft control plane at {Config.Server} ({ex.InnerException?.Message ?? ex.Message}); start it with 'weft up --detach' or 'weft demo', or point --server / WEFT_SERVER at it");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the Weft control plane at {Config.Server} did not answer {method} /{path} within {_http.Timeout.TotalSeconds:0}s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.NotFound && allowNotFound)
                return (response.StatusCode, null);
            if (!response.IsSuccessStatusCode)
                throw new ApiException(ApiStatus.Parse((int)response.StatusCode, text));
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }

    public void Dispose() => _http.Dispose();
}
