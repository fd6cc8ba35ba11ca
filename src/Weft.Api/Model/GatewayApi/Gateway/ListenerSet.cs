using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io ListenerSet: listeners added to a Gateway from another object (and namespace).</summary>
public sealed record ListenerSet : SpecObject<ListenerSetSpec>;

public sealed record ListenerSetSpec
{
    public ParentGatewayReference? ParentRef { get; init; }

    /// <summary>The listeners, shaped as a Gateway's.</summary>
    public IReadOnlyList<Listener>? Listeners { get; init; }
}

/// <summary>The Gateway a ListenerSet adds listeners to.</summary>
public sealed record ParentGatewayReference
{
    /// <summary>Defaults to <c>gateway.networking.k8s.io</c>.</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Gateway</c>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
