using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>A route's destination (host, subset, port) and the weights that split traffic between destinations.</summary>
internal static class DestinationRules
{
    public static void Check(ErrorList errors, string path, Destination? destination)
    {
        if (destination is null)
            return;
        var hostPath = FieldPath.Child(path, "host");
        if (destination.Host is not { } host)
            errors.Required(hostPath);
        else if (host == "*")
            errors.Invalid(hostPath, host, "invalid destination host *");
        else
            errors.Add(HostRules.WildcardDomain(hostPath, host));
        if (!string.IsNullOrEmpty(destination.Subset))
            errors.Add(SubsetName(FieldPath.Child(path, "subset"), destination.Subset));
        if (destination.Port is { } port)
            errors.Add(Rules.Port(FieldPath.Child(path, "port.number"), port.Number ?? 0));
    }

    /// <summary>A subset name is a DNS label; destinations refer to it by name.</summary>
    public static FieldError? SubsetName(string path, string? name) =>
        string.IsNullOrEmpty(name) ? FieldError.Required(path, "subset name cannot be empty")
        : HostRules.IsDns1123Label(name) ? null
        : FieldError.Invalid(path, name, $"subset name is invalid: {name}");

    /// <summary>
    /// Weights are percentages: each in 0..100 and, when there are several destinations, adding
    /// up to 100 (so the split a manifest shows is the split it gets).
    /// </summary>
    public static void Weights(ErrorList errors, string path, IReadOnlyList<int?> weights)
    {
        var total = 0L;
        var valid = true;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i] ?? 0;
            if (w is < 0 or > 100)
            {
                errors.Invalid(FieldPath.Child(FieldPath.Index(path, i), "weight"), w, "must be between 0 and 100");
                valid = false;
            }
            total += w;
        }
        if (weights.Count > 1 && valid && total != 100)
            errors.Invalid(path, total == 0
                ? "total destination weight = 0: the weights of several destinations must add up to 100"
                : $"the weights of the destinations add up to {total}, not 100");
    }

    public static void RouteDestinations(ErrorList errors, string path, IReadOnlyList<RouteDestination>? route)
    {
        if (route is null)
            return;
        for (var i = 0; i < route.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            if (route[i].Destination is null)
                errors.Required(FieldPath.Child(at, "destination"));
            Check(errors, FieldPath.Child(at, "destination"), route[i].Destination);
        }
        Weights(errors, path, route.Select(r => r.Weight).ToList());
    }
}
