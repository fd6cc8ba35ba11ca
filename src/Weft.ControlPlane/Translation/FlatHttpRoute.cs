using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// One http route after delegates are flattened: the route, the namespace its short host names
/// resolve in (the delegate's for a delegate's routes), and the VirtualService it came from.
/// </summary>
public sealed record FlatHttpRoute(HttpRoute Route, string Namespace, string VirtualService);
