using System.Text.RegularExpressions;
using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A workload's address, ports and labels: the spec of a WorkloadEntry, an endpoint of a
/// ServiceEntry, the template of a WorkloadGroup. The CRD's rules (sizes, UDS shape, port names
/// and numbers) apply to all three; the webhook's address rules depend on where it is used.
/// </summary>
internal static partial class WorkloadEntryRules
{
    /// <summary>How the address is judged.</summary>
    public enum AddressUse
    {
        /// <summary>A WorkloadGroup template: the address is filled in when a workload registers.</summary>
        Template,
        /// <summary>A WorkloadEntry, or an endpoint of a DNS ServiceEntry: an IP, a DNS name or a UDS.</summary>
        IpOrFqdn,
        /// <summary>An endpoint of a STATIC ServiceEntry: an IP or a UDS.</summary>
        IpOnly,
    }

    public static void Check(ErrorList errors, string path, WorkloadEntrySpec we, AddressUse use, IReadOnlyCollection<string>? servicePorts = null)
    {
        Schema(errors, path, we, requireAddress: use != AddressUse.Template);
        var address = we.Address ?? "";
        var addressPath = FieldPath.Child(path, "address");
        if (address.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal))
        {
            // A socket has no ports to pick from: it is exactly one service port.
            if (servicePorts is not null && servicePorts.Count != 1)
                errors.Invalid(addressPath, address, "exactly 1 service port required for unix endpoints");
        }
        else if (address.Length > 0 && use != AddressUse.Template && !AddressRules.IsIp(address))
        {
            if (use == AddressUse.IpOnly)
                errors.Invalid(addressPath, address, $"endpoint address \"{address}\" is not a valid IP address");
            else if (HostRules.CheckFqdn(address) is not null)
                errors.Invalid(addressPath, address, $"endpoint address \"{address}\" is not a valid FQDN or an IP address");
        }
        if (we.Ports is { } ports && servicePorts is not null)
            foreach (var (name, number) in ports)
                if (!servicePorts.Contains(name))
                    errors.Invalid(FieldPath.Key(FieldPath.Child(path, "ports"), name), number, $"endpoint port {number} is not defined by the service entry");
        if (use != AddressUse.Template)
            errors.AddRange(Rules.Labels(FieldPath.Child(path, "labels"), we.Labels));
    }

    // The CRD's OpenAPI limits and CEL rules for WorkloadEntry messages.
    private static void Schema(ErrorList errors, string path, WorkloadEntrySpec we, bool requireAddress)
    {
        if (requireAddress && string.IsNullOrEmpty(we.Address) && we.Network is null)
            errors.Add(Crd.Rule(path, "object", "Address is required"));
        var addressPath = FieldPath.Child(path, "address");
        if (we.Address is { } address)
        {
            errors.Add(Crd.MaxLength(addressPath, address, 256));
            if (address.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal))
            {
                var rest = address[AddressRules.UnixPrefix.Length..];
                if (!rest.StartsWith('/') && !rest.StartsWith('@'))
                    errors.Add(Crd.Rule(addressPath, "string", "UDS must be an absolute path or abstract socket"));
                if (address.EndsWith('/'))
                    errors.Add(Crd.Rule(addressPath, "string", "UDS may not be a dir"));
                if (we.Ports is not null)
                    errors.Add(Crd.Rule(path, "object", "UDS may not include ports"));
            }
        }
        errors.Add(Crd.MaxProperties(FieldPath.Child(path, "labels"), we.Labels?.Count, 256));
        errors.Add(Crd.MaxLength(FieldPath.Child(path, "locality"), we.Locality, 2048));
        errors.Add(Crd.MaxLength(FieldPath.Child(path, "network"), we.Network, 2048));
        errors.Add(Crd.MaxLength(FieldPath.Child(path, "serviceAccount"), we.ServiceAccount, 253));
        if (we.Ports is { } ports)
        {
            var portsPath = FieldPath.Child(path, "ports");
            errors.Add(Crd.MaxProperties(portsPath, ports.Count, 128));
            if (ports.Keys.Any(k => k.Length >= 63 || !PortName().IsMatch(k)))
                errors.Add(Crd.Rule(portsPath, "object", "port name must be valid"));
            foreach (var (name, number) in ports)
                if (number is 0 or > 65535)
                    errors.Add(Crd.Rule(FieldPath.Key(portsPath, name), "integer", "port must be between 1-65535"));
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortName();
}
