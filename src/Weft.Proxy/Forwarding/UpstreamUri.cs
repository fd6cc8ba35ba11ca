using Weft.Proxy.Upstream;

namespace Weft.Proxy.Forwarding;

/// <summary>
/// The absolute URI of an upstream request, reused while an endpoint keeps being sent the same
/// path: <c>new Uri(base, path)</c> parses and allocates a Uri, its UriInfo and the joined string
/// (~400 B, two legs per request through a sidecar pair), and a sidecar's calls to one endpoint
/// mostly repeat paths. One entry per endpoint, swapped whole; a Uri is immutable and safe to
/// share between requests, and a miss builds it exactly as before.
/// </summary>
public sealed class UpstreamUri
{
    private UpstreamUri(bool tls, string pathAndQuery, Uri uri)
    {
        Tls = tls;
        PathAndQuery = pathAndQuery;
        Uri = uri;
    }

    public bool Tls { get; }

    public string PathAndQuery { get; }

    public Uri Uri { get; }

    public static Uri For(EndpointState endpoint, bool tls, string pathAndQuery)
    {
        if (Volatile.Read(ref endpoint.LastUpstreamUri) is { } last && last.Tls == tls && string.Equals(last.PathAndQuery, pathAndQuery, StringComparison.Ordinal))
            return last.Uri;
        var uri = new Uri(tls ? endpoint.TlsBaseUri : endpoint.BaseUri, pathAndQuery);
        Volatile.Write(ref endpoint.LastUpstreamUri, new UpstreamUri(tls, pathAndQuery, uri));
        return uri;
    }
}
