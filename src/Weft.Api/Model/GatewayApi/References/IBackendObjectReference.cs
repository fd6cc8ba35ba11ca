namespace Weft.Api.Model.GatewayApi;

/// <summary>
/// A reference to a backend: a Service by default (group "" and kind Service), which then needs
/// a port. Implemented by every backendRef shape of every route kind, so they validate alike.
/// </summary>
public interface IBackendObjectReference
{
    string? Group { get; }

    string? Kind { get; }

    string? Name { get; }

    string? Namespace { get; }

    int? Port { get; }
}

/// <summary>A backend reference with a traffic weight (routes' backendRefs).</summary>
public interface IBackendRef : IBackendObjectReference
{
    int? Weight { get; }
}
