using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyConfig.ProxyHeaders: which headers the proxy adds, removes or forwards.</summary>
[WireNullsAreAbsent]
public sealed record ProxyHeaders
{
    public ForwardClientCertDetails? ForwardedClientCert { get; init; }
    public ProxyHeaderToggle? RequestId { get; init; }
    public ServerHeader? Server { get; init; }
    public ProxyHeaderToggle? AttemptCount { get; init; }
    public ProxyHeaderToggle? EnvoyDebugHeaders { get; init; }
    public MetadataExchangeHeaders? MetadataExchangeHeaders { get; init; }
    public SetCurrentClientCertDetails? SetCurrentClientCertDetails { get; init; }
    public bool? PreserveHttp1HeaderCase { get; init; }
    public ForwardedHeaderToggle? XForwardedHost { get; init; }
    public ForwardedHeaderToggle? XForwardedPort { get; init; }
}
