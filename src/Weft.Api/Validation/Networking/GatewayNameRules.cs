namespace Weft.Api.Validation.Networking;

/// <summary>
/// The gateways a VirtualService (or one of its matches) binds to: <c>mesh</c>, or
/// <c>namespace/name</c> of an Istio Gateway (a bare name means the VirtualService's namespace).
/// </summary>
internal static class GatewayNameRules
{
    public const string Mesh = "mesh";

    public static void Check(ErrorList errors, string path, IReadOnlyList<string>? gateways)
    {
        if (gateways is null)
            return;
        for (var i = 0; i < gateways.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            var name = gateways[i];
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                errors.Add(HostRules.Fqdn(at, name));
                continue;
            }
            var ns = name[..slash];
            var gw = name[(slash + 1)..];
            if (ns.Length == 0 || gw.Length == 0)
                errors.Invalid(at, name, "config namespace and gateway name cannot be empty");
            if (!HostRules.IsDns1123Label(ns))
                errors.Invalid(at, name, $"invalid value for namespace: \"{ns}\"");
            if (!HostRules.IsDns1123Label(gw))
                errors.Invalid(at, name, $"invalid value for gateway name: \"{gw}\"");
        }
    }
}
