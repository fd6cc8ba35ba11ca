using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// One destination of a VirtualService with the field path of its host, so a finding about it points
/// at the line. A destination left empty (<c>- {}</c>) has an empty host, as Istio reads it.
/// </summary>
internal sealed record RouteDestination(Destination Destination, string HostPath, bool IsMirror)
{
    private static readonly Destination Empty = new();

    public string Host => Destination.Host ?? "";

    /// <summary>The route destinations of tcp, tls and http rules, in Istio's order.</summary>
    public static IEnumerable<RouteDestination> Routes(VirtualServiceSpec? spec)
    {
        if (spec is null)
            yield break;
        for (var i = 0; i < (spec.Tcp?.Count ?? 0); i++)
            for (var j = 0; j < (spec.Tcp![i].Route?.Count ?? 0); j++)
                yield return new(spec.Tcp[i].Route![j].Destination ?? Empty, $"spec.tcp[{i}].route[{j}].destination.host", false);
        for (var i = 0; i < (spec.Tls?.Count ?? 0); i++)
            for (var j = 0; j < (spec.Tls![i].Route?.Count ?? 0); j++)
                yield return new(spec.Tls[i].Route![j].Destination ?? Empty, $"spec.tls[{i}].route[{j}].destination.host", false);
        for (var i = 0; i < (spec.Http?.Count ?? 0); i++)
            for (var j = 0; j < (spec.Http![i].Route?.Count ?? 0); j++)
                yield return new(spec.Http[i].Route![j].Destination ?? Empty, $"spec.http[{i}].route[{j}].destination.host", false);
    }

    /// <summary>The mirror destinations of http rules (<c>mirror</c> and <c>mirrors</c>).</summary>
    public static IEnumerable<RouteDestination> Mirrors(VirtualServiceSpec? spec)
    {
        for (var i = 0; i < (spec?.Http?.Count ?? 0); i++)
        {
            var rule = spec!.Http![i];
            if (rule.Mirror is { } m)
                yield return new(m, $"spec.http[{i}].mirror.host", true);
            for (var j = 0; j < (rule.Mirrors?.Count ?? 0); j++)
                yield return new(rule.Mirrors![j].Destination ?? Empty, $"spec.http[{i}].mirrors[{j}].destination.host", true);
        }
    }
}
