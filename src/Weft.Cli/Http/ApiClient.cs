using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Cli.Config;

namespace Weft.Cli.Http;

/// <summary>The control plane's REST API, Kubernetes-style paths, bearer token.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(ClientConfig config, HttpMessageHandler? handler = null)
    {
        Config = config;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri(config.Server.TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromSeconds(60);
        if (config.Token is { Length: > 0 } token)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("weft-cli");
    }

    public ClientConfig Config { get; }

    /// <summary>The collection path of a kind: <c>/apis/GROUP/VERSION[/namespaces/NS]/PLURAL</c> (core: <c>/api/v1/...</c>).</summary>
    public static string CollectionPath(KindInfo kind, string? ns)
    {
        var prefix = kind.Group.Length == 0 ? $"api/{kind.PreferredVersion}" : $"apis/{kind.Group}/{kind.PreferredVersion}";
        return kind.Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{prefix}/namespaces/{Uri.EscapeDataString(ns)}/{kind.Plural}"
            : $"{prefix}/{kind.Plural}";
    }

    public static string ObjectPath(KindInfo kind, string? ns, string name) =>
        $"{CollectionPath(kind, kind.Namespaced ? ns : null)}/{Uri.EscapeDataString(name)}";

    public Task<Node> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<Node> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public Task<Node> PostAsync(string path, Node body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public async Task<Node> SendAsync(HttpMethod method, string path, Node? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = new StringContent(NodeWriter.ToJson(body, indented: false), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"cannot reach the Weft control plane at {Config.Server} ({ex.InnerException?.Message ?? ex.Message}); start it with 'weft up --detach', or point --server / WEFT_SERVER at it");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the Weft control plane at {Config.Server} did not answer within {_http.Timeout.TotalSeconds:0}s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && string.IsNullOrEmpty(Config.Token))
                    throw new CliException($"the control plane at {Config.Server} requires a token and none is configured; run 'weft up' (it writes ~/.weft/config) or set --token / WEFT_TOKEN");
                throw new ApiException(ApiStatus.Parse((int)response.StatusCode, text));
            }
            if (text.Length == 0)
                return new MapNode([]);
            var (docs, errors) = DocumentReader.Read(text, Config.Server);
            if (errors.Count > 0 || docs.Count == 0)
                throw new CliException($"the control plane sent an answer that is not JSON ({path})");
            return docs[0].Root!;
        }
    }

    public void Dispose() => _http.Dispose();
}
