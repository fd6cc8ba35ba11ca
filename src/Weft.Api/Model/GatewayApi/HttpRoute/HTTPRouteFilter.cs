using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>A step applied to a request or response; <see cref="Type"/> says which of the fields is set.</summary>
public sealed record HTTPRouteFilter
{
    public HTTPRouteFilterType? Type { get; init; }

    public HTTPHeaderFilter? RequestHeaderModifier { get; init; }

    public HTTPHeaderFilter? ResponseHeaderModifier { get; init; }

    public HTTPRequestMirrorFilter? RequestMirror { get; init; }

    public HTTPRequestRedirectFilter? RequestRedirect { get; init; }

    public HTTPURLRewriteFilter? UrlRewrite { get; init; }

    public LocalObjectReference? ExtensionRef { get; init; }

    public HTTPCORSFilter? Cors { get; init; }

    /// <summary>Experimental-channel fields (<c>externalAuth</c>), kept as written; see <see cref="HTTPRouteRule.Experimental"/>.</summary>
    [WireExtensionData]
    public IReadOnlyDictionary<string, FreeForm>? Experimental { get; init; }

    public HTTPExternalAuthFilter? ExternalAuth => ExperimentalFields.Read<HTTPExternalAuthFilter>(Experimental, "externalAuth");
}

public enum HTTPRouteFilterType
{
    RequestHeaderModifier,
    ResponseHeaderModifier,
    RequestMirror,
    RequestRedirect,
    URLRewrite,
    ExtensionRef,
    CORS,
    /// <summary>Experimental channel only.</summary>
    ExternalAuth,
}
