using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>Requests that match any of <see cref="Matches"/> are filtered and sent to <see cref="BackendRefs"/>.</summary>
public sealed record HTTPRouteRule
{
    public string? Name { get; init; }

    /// <summary>Defaults to one match on path prefix <c>/</c>.</summary>
    public IReadOnlyList<HTTPRouteMatch>? Matches { get; init; }

    public IReadOnlyList<HTTPRouteFilter>? Filters { get; init; }

    public IReadOnlyList<HTTPBackendRef>? BackendRefs { get; init; }

    public HTTPRouteTimeouts? Timeouts { get; init; }

    /// <summary>
    /// Fields of the experimental channel (<c>retry</c>, <c>sessionPersistence</c>), kept as written:
    /// the standard CRD that the model mirrors field for field does not have them, yet real
    /// manifests (the Gateway API's own conformance tests) use them. Validation checks their names
    /// and shapes; <see cref="Retry"/> and <see cref="SessionPersistence"/> read them typed.
    /// </summary>
    [WireExtensionData]
    public IReadOnlyDictionary<string, FreeForm>? Experimental { get; init; }

    public HTTPRouteRetry? Retry => ExperimentalFields.Read<HTTPRouteRetry>(Experimental, "retry");

    public SessionPersistence? SessionPersistence => ExperimentalFields.Read<SessionPersistence>(Experimental, "sessionPersistence");
}
