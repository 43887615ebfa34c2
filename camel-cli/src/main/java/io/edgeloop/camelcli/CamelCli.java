package io.edgeloop.camelcli;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** The official Apache Camel CLI ({@code camel run}, {@code camel export}, ...) without a JBang install. */
public final class CamelCli {
    private CamelCli() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args); // exits the JVM with the command's exit code
    }
}
