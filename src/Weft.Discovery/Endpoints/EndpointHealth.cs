namespace Weft.Discovery.Endpoints;

public enum EndpointHealth
{
    Healthy,
    Unhealthy,

    /// <summary>Going away: no new requests, in-flight ones finish.</summary>
    Draining,
}
