package io.edgeloop.validation;

import static io.edgeloop.validation.TektonPipelineTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.EventListenerTrigger;
import io.fabric8.tekton.triggers.v1beta1.ParamSpec;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerResourceTemplate;
import io.fabric8.tekton.triggers.v1beta1.TriggerSpecBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The TriggerTemplates, TriggerBindings and EventListeners of the kustomize base, against each other and the pipelines. */
@ExtendWith(FileNameInFailures.class)
class TektonTriggersTest {

    private static final String LISTENER_ROLES = "tekton-triggers-eventlistener-roles";
    private static final String LISTENER_CLUSTER_ROLES = "tekton-triggers-eventlistener-clusterroles";

    static Stream<Named<TriggerTemplate>> templates() {
        return TektonPipelineTest.named(TektonResources.base(), TriggerTemplate.class);
    }

    static Stream<Named<EventListener>> listeners() {
        return TektonPipelineTest.named(TektonResources.base(), EventListener.class);
    }

    @Test
    void baseHasTemplatesBindingsAndListeners() {
        assertThat(templates()).as("TriggerTemplates").isNotEmpty();
        assertThat(TektonResources.ofKind(TektonResources.base(), TriggerBinding.class)).as("TriggerBindings")
                .isNotEmpty();
        assertThat(listeners()).as("EventListeners").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templatedPipelineRunsParseStrictlyAndRunAPipelineOfTheBase(TriggerTemplate template) throws IOException {
        assertThat(template.getSpec().getResourcetemplates()).as("resourcetemplates").isNotEmpty();
        for (PipelineRun run : pipelineRuns(template)) {
            assertThat(TektonResources.named(Pipeline.class, run.getSpec().getPipelineRef().getName()))
                    .as("Pipeline %s", run.getSpec().getPipelineRef().getName()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templatedPipelineRunsPassOnlyDeclaredParamsAndEveryRequiredOne(TriggerTemplate template) throws IOException {
        for (PipelineRun run : pipelineRuns(template)) {
            Pipeline pipeline = TektonResources.require(Pipeline.class, run.getSpec().getPipelineRef().getName());
            Set<String> passed = new TreeSet<>(list(run.getSpec().getParams()).stream().map(Param::getName).toList());

            assertThat(TektonPipelineTest.names(pipeline.getSpec().getParams())).as("pipeline params")
                    .containsAll(passed);
            assertThat(passed).as("params of the templated run")
                    .containsAll(TektonPipelineTest.requiredNames(pipeline.getSpec().getParams()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templatedPipelineRunPodsRunAsNonRoot(TriggerTemplate template) throws IOException {
        for (PipelineRun run : pipelineRuns(template)) {
            assertThat(run.getSpec().getTaskRunTemplate()).as("spec.taskRunTemplate").isNotNull();
            TektonPipelineTest.assertPodRunsAsNonRoot(run.getSpec().getTaskRunTemplate().getPodTemplate());
        }
    }

    // The demo's names (id-edge, batch-id) are the body's; the binding maps them to camelCase params.
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templateParamsAreCamelCase(TriggerTemplate template) {
        assertThat(names(template.getSpec().getParams()))
                .allSatisfy(name -> assertThat(name).matches(TektonPipelineTest.CAMEL_CASE));
    }

    @Test
    void bindingParamsAreCamelCase() {
        assertThat(TektonResources.ofKind(TektonResources.base(), TriggerBinding.class)).isNotEmpty()
                .flatExtracting(binding -> binding.getSpec().getParams()).extracting("name")
                .allSatisfy(name -> assertThat((String) name).matches(TektonPipelineTest.CAMEL_CASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templateParamReferencesAreTemplateParams(TriggerTemplate template) {
        assertThat(names(template.getSpec().getParams()))
                .containsAll(TektonVariables.names("tt.params", template.getSpec().getResourcetemplates()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyTemplateParamIsUsedAndDescribed(TriggerTemplate template) {
        assertThat(TektonVariables.names("tt.params", template.getSpec().getResourcetemplates()))
                .containsAll(names(template.getSpec().getParams()));
        assertThat(template.getSpec().getParams()).as("params without a description")
                .filteredOn(param -> param.getDescription() == null || param.getDescription().isBlank())
                .extracting(ParamSpec::getName).isEmpty();
    }

    // Otherwise a run started by the listener and one started by delivery would train differently.
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templateDefaultsAreThePipelineDefaults(TriggerTemplate template) throws IOException {
        for (PipelineRun run : pipelineRuns(template)) {
            Map<String, ParamValue> pipelineDefaults = new HashMap<>();
            TektonResources.require(Pipeline.class, run.getSpec().getPipelineRef().getName()).getSpec().getParams()
                    .forEach(param -> pipelineDefaults.put(param.getName(), param.getDefault()));
            for (Param passed : list(run.getSpec().getParams())) {
                Set<String> from = TektonVariables.names("tt.params", passed.getValue());
                ParamValue pipelineDefault = pipelineDefaults.get(passed.getName());
                template.getSpec().getParams().stream()
                        .filter(param -> from.contains(param.getName()) && param.getDefault() != null)
                        .forEach(param -> assertThat(param.getDefault())
                                .as("default of template param %s, passed as pipeline param %s", param.getName(),
                                        passed.getName())
                                .isEqualTo(pipelineDefault == null ? null : pipelineDefault.getStringVal()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listeners")
    void listenerTriggersReferenceBindingsAndTemplatesOfTheBase(EventListener listener) {
        assertThat(listener.getSpec().getTriggers()).as("triggers").isNotEmpty().allSatisfy(trigger -> {
            assertThat(trigger.getBindings()).as("trigger %s bindings", trigger.getName()).isNotEmpty()
                    .allSatisfy(binding -> assertThat(TektonResources.named(TriggerBinding.class, binding.getRef()))
                            .as("TriggerBinding %s", binding.getRef()).isPresent());
            assertThat(trigger.getTemplate()).as("trigger %s template", trigger.getName()).isNotNull();
            assertThat(TektonResources.named(TriggerTemplate.class, trigger.getTemplate().getRef()))
                    .as("TriggerTemplate %s", trigger.getTemplate().getRef()).isPresent();
        });
    }

    // A template param without a default that no binding sets fails every event; one no template declares is lost.
    @ParameterizedTest(name = "{0}")
    @MethodSource("listeners")
    void bindingsCoverTheTemplateParams(EventListener listener) {
        for (EventListenerTrigger trigger : listener.getSpec().getTriggers()) {
            TriggerTemplate template = TektonResources.require(TriggerTemplate.class, trigger.getTemplate().getRef());
            Set<String> bound = new TreeSet<>();
            for (TriggerSpecBinding binding : trigger.getBindings()) {
                TektonResources.require(TriggerBinding.class, binding.getRef()).getSpec().getParams()
                        .forEach(param -> bound.add(param.getName()));
            }

            assertThat(bound).as("params bound for trigger %s", trigger.getName())
                    .containsAll(template.getSpec().getParams().stream().filter(param -> param.getDefault() == null)
                            .map(ParamSpec::getName).toList());
            assertThat(names(template.getSpec().getParams())).as("params of template %s",
                    template.getMetadata().getName()).containsAll(bound);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listeners")
    void listenerServiceAccountExistsAndHasTheTriggersRoles(EventListener listener) {
        String account = listener.getSpec().getServiceAccountName();

        assertThat(account).as("serviceAccountName").isNotBlank();
        assertThat(TektonResources.named(ServiceAccount.class, account)).as("ServiceAccount %s", account).isPresent();
        assertThat(TektonResources.ofKind(TektonResources.base(), RoleBinding.class).stream()
                .filter(binding -> binds(binding.getRoleRef(), binding.getSubjects(), LISTENER_ROLES, account)))
                .as("a RoleBinding of %s to ClusterRole %s", account, LISTENER_ROLES).isNotEmpty();
        assertThat(TektonResources.ofKind(TektonResources.base(), ClusterRoleBinding.class).stream()
                .filter(binding -> binds(binding.getRoleRef(), binding.getSubjects(), LISTENER_CLUSTER_ROLES, account)))
                .as("a ClusterRoleBinding of %s to ClusterRole %s", account, LISTENER_CLUSTER_ROLES).isNotEmpty();
    }

    private static boolean binds(RoleRef role, List<Subject> subjects, String clusterRole, String account) {
        return "ClusterRole".equals(role.getKind()) && clusterRole.equals(role.getName())
                && list(subjects).stream().anyMatch(subject ->
                        "ServiceAccount".equals(subject.getKind()) && account.equals(subject.getName()));
    }

    /** The PipelineRuns the template creates, read strictly. */
    static List<PipelineRun> pipelineRuns(TriggerTemplate template) throws IOException {
        List<PipelineRun> runs = new ArrayList<>();
        for (TriggerResourceTemplate resource : template.getSpec().getResourcetemplates()) {
            runs.add(TektonResources.pipelineRun(resource));
        }
        return runs;
    }

    private static Set<String> names(List<ParamSpec> params) {
        return list(params).stream().map(ParamSpec::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
