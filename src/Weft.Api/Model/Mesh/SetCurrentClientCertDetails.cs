using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyHeaders.SetCurrentClientCertDetails: which client certificate fields go into x-forwarded-client-cert.</summary>
[WireNullsAreAbsent]
public sealed record SetCurrentClientCertDetails
{
    public bool? Subject { get; init; }
    public bool? Cert { get; init; }
    public bool? Chain { get; init; }
    public bool? Dns { get; init; }
    public bool? Uri { get; init; }
}
