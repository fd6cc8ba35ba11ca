namespace Weft.Api.Analysis;

/// <summary>
/// Messages about authorization and request authentication.
/// </summary>
public static partial class Messages
{
    public static readonly MessageType NoMatchingWorkloadsFound = new("IST0127", "NoMatchingWorkloadsFound", MessageLevel.Warning, "No matching workloads for this resource with the following labels: {0}");
    public static readonly MessageType JwtClaimBasedRoutingWithoutRequestAuthN = new("IST0149", "JwtClaimBasedRoutingWithoutRequestAuthN", MessageLevel.Error, "The virtual service uses the JWT claim based routing (key: {0}) but found no request authentication for the gateway ({1}) pod ({2}). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.");
}
