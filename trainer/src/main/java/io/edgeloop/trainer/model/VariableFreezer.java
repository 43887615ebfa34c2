package io.edgeloop.trainer.model;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns the part of a SavedModel's graph that computes some tensors into a graph without variables: every
 * variable it reads becomes a constant holding the value restored from {@code variables/}, in the main graph
 * (TF1 {@code VariableV2}, resource {@code VarHandleOp}) and inside the functions that TF2 exports call with
 * variable handles. What TensorFlow's {@code convert_variables_to_constants} does, so a base model embeds
 * into one self-contained serving graph.
 */
final class VariableFreezer {

    private static final Set<String> REF_VARIABLES = Set.of("VariableV2", "Variable");
    private static final String RESOURCE_VARIABLE = "VarHandleOp";
    private static final Set<String> CALLS = Set.of("PartitionedCall", "StatefulPartitionedCall");

    private final Map<String, FunctionDef> library = new LinkedHashMap<>();
    private final List<FunctionDef> frozenFunctions = new ArrayList<>();

    private VariableFreezer(FunctionDefLibrary library) {
        library.getFunctionList().forEach(f -> this.library.put(f.getSignature().getName(), f));
    }

    /**
     * The nodes {@code wanted} (node names) depend on, with every variable among them replaced by its value in
     * {@code session} (the SavedModel's restored session over {@code graph}).
     *
     * @throws BaseModelException if a variable is used in a way that cannot be frozen
     */
    static GraphDef freeze(GraphDef graphDef, Graph graph, Session session, Collection<String> wanted) {
        Map<String, NodeDef> nodes = new LinkedHashMap<>();
        graphDef.getNodeList().forEach(node -> nodes.put(node.getName(), node));
        Set<String> kept = dependencies(nodes, wanted);
        List<String> variables = kept.stream().filter(name -> isVariable(nodes.get(name))).toList();
        Map<String, TensorProto> values = values(graph, session, nodes, variables);

        VariableFreezer freezer = new VariableFreezer(graphDef.getLibrary());
        GraphDef.Builder frozen = graphDef.toBuilder().clearNode();
        for (String name : kept) {
            NodeDef node = nodes.get(name);
            if (values.containsKey(name)) {
                frozen.addNode(constant(name, values.get(name)));
                continue;
            }
            NodeDef.Builder rewritten = node.toBuilder().clearInput();
            // Control edges lead to restore and initialisation ops, which a frozen graph does without.
            node.getInputList().stream().filter(input -> !input.startsWith("^")).forEach(rewritten::addInput);
            Map<Integer, TensorProto> frozenInputs = new HashMap<>();
            for (int i = 0; i < rewritten.getInputCount(); i++) {
                String source = nodeName(rewritten.getInput(i));
                if (values.containsKey(source) && RESOURCE_VARIABLE.equals(nodes.get(source).getOp())) {
                    frozenInputs.put(i, values.get(source));
                }
            }
            frozen.addNode(frozenInputs.isEmpty() ? rewritten.build()
                    : freezer.readsOfConstants(rewritten.build(), frozenInputs, name));
        }
        FunctionDefLibrary.Builder functions = graphDef.getLibrary().toBuilder();
        freezer.frozenFunctions.forEach(functions::addFunction);
        return frozen.setLibrary(functions).build();
    }

    private static boolean isVariable(NodeDef node) {
        return REF_VARIABLES.contains(node.getOp()) || RESOURCE_VARIABLE.equals(node.getOp());
    }

    /** {@code wanted} and every node they reach through data inputs. */
    private static Set<String> dependencies(Map<String, NodeDef> nodes, Collection<String> wanted) {
        Set<String> kept = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(wanted);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            NodeDef node = nodes.get(name);
            if (node == null) {
                throw new BaseModelException("The base model's graph has no node '" + name + "'");
            }
            if (kept.add(name)) {
                node.getInputList().stream().filter(input -> !input.startsWith("^"))
                        .map(VariableFreezer::nodeName).forEach(pending::push);
            }
        }
        return kept;
    }

    /** The restored values of {@code variables}, read in one session run. */
    private static Map<String, TensorProto> values(Graph graph, Session session, Map<String, NodeDef> nodes,
            List<String> variables) {
        Map<String, TensorProto> values = new LinkedHashMap<>();
        if (variables.isEmpty()) {
            return values;
        }
        Session.Runner runner = session.runner();
        Scope scope = Ops.create(graph).scope();
        for (String name : variables) {
            NodeDef node = nodes.get(name);
            Output<?> variable = graph.outputOrThrow(name);
            if (RESOURCE_VARIABLE.equals(node.getOp())) {
                runner.fetch(graph.opBuilder("ReadVariableOp", "edgeloop_freeze/" + name.replace('/', '_'), scope)
                        .addInput(variable).setAttr("dtype", node.getAttrOrThrow("dtype").getType()).build()
                        .output(0));
            } else {
                runner.fetch(variable);
            }
        }
        try (Result result = runner.run()) {
            for (int i = 0; i < variables.size(); i++) {
                values.put(variables.get(i), proto(variables.get(i), result.get(i)));
            }
        }
        return values;
    }

    private static TensorProto proto(String name, Tensor tensor) {
        DataType type = tensor.dataType();
        if (type == DataType.DT_STRING || type == DataType.DT_RESOURCE || type == DataType.DT_VARIANT) {
            throw new BaseModelException("Cannot freeze variable '" + name + "' of type " + type);
        }
        ByteDataBuffer data = tensor.asRawTensor().data();
        byte[] bytes = new byte[(int) data.size()];
        data.read(bytes);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long size : tensor.shape().asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
        }
        return TensorProto.newBuilder().setDtype(type).setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(bytes)).build();
    }

    private static NodeDef constant(String name, TensorProto value) {
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
    }

    /**
     * {@code node} reading the variables at input positions {@code frozen}, rewritten to read constants: a
     * ReadVariableOp becomes an Identity, a function call calls a copy of its function with those arguments
     * replaced by constants.
     */
    private NodeDef readsOfConstants(NodeDef node, Map<Integer, TensorProto> frozen, String where) {
        if ("ReadVariableOp".equals(node.getOp()) && frozen.size() == 1 && node.getInputCount() == 1) {
            DataType type = node.getAttrOrThrow("dtype").getType();
            return node.toBuilder().setOp("Identity").clearAttr()
                    .putAttr("T", AttrValue.newBuilder().setType(type).build()).build();
        }
        if (CALLS.contains(node.getOp())) {
            String function = node.getAttrOrThrow("f").getFunc().getName();
            NodeDef.Builder call = node.toBuilder().clearInput();
            AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
            List<DataType> inputTypes = node.getAttrOrThrow("Tin").getList().getTypeList();
            for (int i = 0; i < node.getInputCount(); i++) {
                if (!frozen.containsKey(i)) {
                    call.addInput(node.getInput(i));
                    types.addType(inputTypes.get(i));
                }
            }
            AttrValue.Builder f = node.getAttrOrThrow("f").toBuilder();
            f.getFuncBuilder().setName(frozenFunction(function, frozen));
            // TF2 lists the indices of the resource inputs a call only reads; with inputs dropped they are stale.
            return call.putAttr("Tin", AttrValue.newBuilder().setList(types).build()).putAttr("f", f.build())
                    .removeAttr("_read_only_resource_inputs").build();
        }
        throw new BaseModelException("Cannot freeze the base model: " + where + " uses a variable through a "
                + node.getOp() + " op; only ReadVariableOp and function calls can be frozen");
    }

    /** The name of a copy of {@code name} whose arguments at {@code frozen} are constants in its body. */
    private String frozenFunction(String name, Map<Integer, TensorProto> frozen) {
        FunctionDef function = library.get(name);
        if (function == null) {
            throw new BaseModelException("The base model calls a function '" + name + "' it does not define");
        }
        OpDef signature = function.getSignature();
        String frozenName = name + "_frozen" + frozenFunctions.size();
        Map<String, String> constantOfArg = new HashMap<>();
        OpDef.Builder frozenSignature = signature.toBuilder().setName(frozenName).clearInputArg();
        FunctionDef.Builder copy = function.toBuilder().clearNodeDef().clearArgAttr().clearResourceArgUniqueId()
                .removeAttr("_input_shapes");
        int kept = 0;
        for (int i = 0; i < signature.getInputArgCount(); i++) {
            String arg = signature.getInputArg(i).getName();
            if (frozen.containsKey(i)) {
                String constant = arg + "_frozen_value";
                constantOfArg.put(arg, constant + ":output:0");
                copy.addNodeDef(constant(constant, frozen.get(i)));
            } else {
                frozenSignature.addInputArg(signature.getInputArg(i));
                if (function.containsArgAttr(i)) {
                    copy.putArgAttr(kept, function.getArgAttrOrThrow(i));
                }
                if (function.containsResourceArgUniqueId(i)) {
                    copy.putResourceArgUniqueId(kept, function.getResourceArgUniqueIdOrThrow(i));
                }
                kept++;
            }
        }
        Set<String> identities = new HashSet<>();
        for (NodeDef node : function.getNodeDefList()) {
            Map<Integer, TensorProto> frozenInputs = new HashMap<>();
            for (int i = 0; i < node.getInputCount(); i++) {
                String input = node.getInput(i);
                if (constantOfArg.containsKey(input)) {
                    frozenInputs.put(i, frozen.get(argIndex(signature, input)));
                }
            }
            if (frozenInputs.isEmpty()) {
                copy.addNodeDef(node);
                continue;
            }
            NodeDef rewritten = readsOfConstants(node, frozenInputs, "function " + name);
            if ("Identity".equals(rewritten.getOp())) {
                rewritten = rewritten.toBuilder().setInput(0, constantOfArg.get(node.getInput(0))).build();
                identities.add(node.getName());
            }
            copy.addNodeDef(rewritten);
        }
        // Inside a function a node's output is named by its op's output argument: a ReadVariableOp's is
        // "read:value:0", the Identity that replaced it has "read:output:0"; rename the references to it.
        for (int i = 0; i < copy.getNodeDefCount(); i++) {
            NodeDef.Builder node = copy.getNodeDefBuilder(i);
            for (int j = 0; j < node.getInputCount(); j++) {
                node.setInput(j, renamedOutput(node.getInput(j), identities));
            }
        }
        Map<String, String> results = new LinkedHashMap<>(copy.getRetMap());
        results.replaceAll((result, source) -> renamedOutput(source, identities));
        copy.clearRet().putAllRet(results);
        frozenFunctions.add(copy.setSignature(frozenSignature).build());
        return frozenName;
    }

    /** {@code input} ("node:value:0") as "node:output:0" if it names the value of a read now an Identity. */
    private static String renamedOutput(String input, Set<String> identities) {
        String prefix = input.startsWith("^") ? "" : nodeName(input);
        return identities.contains(prefix) && input.startsWith(prefix + ":value:")
                ? prefix + ":output:" + input.substring(prefix.length() + ":value:".length()) : input;
    }

    private static int argIndex(OpDef signature, String arg) {
        for (int i = 0; i < signature.getInputArgCount(); i++) {
            if (signature.getInputArg(i).getName().equals(arg)) {
                return i;
            }
        }
        throw new IllegalStateException("No argument " + arg);
    }

    /** "node:1" and "node" name the node "node". */
    private static String nodeName(String input) {
        String name = input.startsWith("^") ? input.substring(1) : input;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
