using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>
/// gateway.networking.k8s.io ReferenceGrant: lets objects of the listed kinds in other namespaces
/// (<see cref="ReferenceGrantSpec.From"/>) refer to objects in this one (<see cref="ReferenceGrantSpec.To"/>).
/// </summary>
public sealed record ReferenceGrant : KubeObject
{
    // No status: a grant is read by controllers, never reported on (its CRD has no status).
    public ReferenceGrantSpec? Spec { get; init; }
}

public sealed record ReferenceGrantSpec
{
    public IReadOnlyList<ReferenceGrantFrom>? From { get; init; }

    public IReadOnlyList<ReferenceGrantTo>? To { get; init; }
}

/// <summary>Objects that may refer: a group and kind in a namespace.</summary>
public sealed record ReferenceGrantFrom
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Namespace { get; init; }
}

/// <summary>Objects that may be referred to: a group and kind here, all of them or one by name.</summary>
public sealed record ReferenceGrantTo
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }
}
