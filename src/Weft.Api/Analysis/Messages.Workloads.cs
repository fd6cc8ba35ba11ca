namespace Weft.Api.Analysis;

/// <summary>
/// Messages about workloads and their Kubernetes objects: injection, annotations, Services, Deployments.
/// </summary>
public static partial class Messages
{
    public static readonly MessageType NamespaceNotInjected = new("IST0102", "NamespaceNotInjected", MessageLevel.Info, "The namespace is not enabled for Istio injection. Run 'kubectl label namespace {0} istio-injection=enabled' to enable it, or 'kubectl label namespace {1} istio-injection=disabled' to explicitly mark it as not needing injection.");
    public static readonly MessageType PodMissingProxy = new("IST0103", "PodMissingProxy", MessageLevel.Warning, "The pod {0} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.");
    public static readonly MessageType MisplacedAnnotation = new("IST0107", "MisplacedAnnotation", MessageLevel.Warning, "Misplaced annotation: {0} can only be applied to {1}");
    public static readonly MessageType UnknownAnnotation = new("IST0108", "UnknownAnnotation", MessageLevel.Warning, "Unknown annotation: {0}");
    public static readonly MessageType DeploymentAssociatedToMultipleServices = new("IST0116", "DeploymentAssociatedToMultipleServices", MessageLevel.Warning, "This deployment {0} is associated with multiple services using port {1} but different protocols: {2}");
    public static readonly MessageType PortNameIsNotUnderNamingConvention = new("IST0118", "PortNameIsNotUnderNamingConvention", MessageLevel.Info, "Port name {0} (port: {1}, targetPort: {2}) doesn't follow the naming convention of Istio port.");
    public static readonly MessageType NamespaceMultipleInjectionLabels = new("IST0123", "NamespaceMultipleInjectionLabels", MessageLevel.Warning, "The namespace has more than one type of injection labels {0}, which may lead to undefined behavior. Make sure only one injection label exists.");
    public static readonly MessageType InvalidAnnotation = new("IST0125", "InvalidAnnotation", MessageLevel.Warning, "Invalid annotation {0}: {1}");
    public static readonly MessageType DeprecatedAnnotation = new("IST0135", "DeprecatedAnnotation", MessageLevel.Info, "Annotation {0:q} has been deprecated{1} and may not work in future Istio versions.");
    public static readonly MessageType AlphaAnnotation = new("IST0136", "AlphaAnnotation", MessageLevel.Info, "Annotation {0:q} is part of an alpha-phase feature and may be incompletely supported.");
    public static readonly MessageType DeploymentConflictingPorts = new("IST0137", "DeploymentConflictingPorts", MessageLevel.Warning, "This deployment {0} is associated with multiple services {1} using targetPort {2:q} but different ports: {3}.");
    public static readonly MessageType InvalidApplicationUID = new("IST0144", "InvalidApplicationUID", MessageLevel.Warning, "User ID (UID) 1337 is reserved for the sidecar proxy.");
    public static readonly MessageType NamespaceInjectionEnabledByDefault = new("IST0148", "NamespaceInjectionEnabledByDefault", MessageLevel.Info, "is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.");
    public static readonly MessageType ExternalNameServiceTypeInvalidPortName = new("IST0150", "ExternalNameServiceTypeInvalidPortName", MessageLevel.Warning, "Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly");
}
