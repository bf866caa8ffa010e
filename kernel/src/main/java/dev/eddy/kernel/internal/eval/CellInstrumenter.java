package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of the classes JShell defines for cells, before they are defined, so that a cell can be
 * stopped and cannot end the kernel, on every JDK from 17 on (no Thread.stop, no SecurityManager):
 * <ul>
 *   <li>a call to {@link CellStop#check()} at the entry of every method (so recursion stops) and before every
 *       backward jump (so loops stop); the call takes and leaves nothing on the operand stack, so stack sizes and
 *       stack map frames stay valid and need no recomputation;</li>
 *   <li>calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}, direct or as method
 *       references and method handle constants, go to {@link CellExits}, which throws.</li>
 * </ul>
 * Lambdas are methods of the cell's class and nested classes come as classes of their own, so both are covered.
 */
final class CellInstrumenter {
    private static final Log LOG = Log.of(CellInstrumenter.class);
    private static final String STOP = Type.internalName(CellStop.class);
    private static final String EXITS = Type.internalName(CellExits.class);
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME_CALL = "(Ljava/lang/Runtime;I)V";

    private CellInstrumenter() {}

    /** The instrumented class; the original bytes if it cannot be instrumented (logged). */
    static byte[] instrument(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(
                    new ClassVisitor(Opcodes.ASM9, writer) {
                        @Override
                        public MethodVisitor visitMethod(
                                int access, String name, String descriptor, String signature, String[] exceptions) {
                            return new StopAndExitRewriter(
                                    super.visitMethod(access, name, descriptor, signature, exceptions));
                        }
                    },
                    0);
            return writer.toByteArray();
        } catch (MethodTooLargeException e) {
            LOG.warn("a cell method is too large for stop checks; it runs without them: " + e.getMethodName());
            return classFile;
        } catch (RuntimeException e) {
            LOG.warn("cell class not instrumented (" + e + "); interrupt and System.exit work less well for it");
            return classFile;
        }
    }

    private static final class StopAndExitRewriter extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        StopAndExitRewriter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) {
                stopCheck();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) {
                stopCheck();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            Handle exit = exitReplacement(
                    opcode == Opcodes.INVOKESTATIC
                            ? Opcodes.H_INVOKESTATIC
                            : opcode == Opcodes.INVOKEVIRTUAL ? Opcodes.H_INVOKEVIRTUAL : -1,
                    owner,
                    name,
                    descriptor);
            if (exit != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, exit.getOwner(), exit.getName(), exit.getDesc(), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            Object[] rewritten = args.clone();
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = rewriteConstant(rewritten[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(rewriteConstant(value));
        }
    }

    /** A method handle to an exit call (e.g. {@code System::exit}) becomes one to its stand-in. */
    private static Object rewriteConstant(Object constant) {
        if (constant instanceof Handle h) {
            Handle exit = exitReplacement(h.getTag(), h.getOwner(), h.getName(), h.getDesc());
            return exit != null ? exit : h;
        }
        return constant;
    }

    /** The static stand-in for an exit call of kind {@code tag} (a Handle tag), or null if it is none. */
    private static Handle exitReplacement(int tag, String owner, String name, String descriptor) {
        if (!"(I)V".equals(descriptor)) {
            return null;
        }
        if (tag == Opcodes.H_INVOKESTATIC && SYSTEM.equals(owner) && "exit".equals(name)) {
            return new Handle(Opcodes.H_INVOKESTATIC, EXITS, "exit", "(I)V", false);
        }
        if (tag == Opcodes.H_INVOKEVIRTUAL && RUNTIME.equals(owner) && ("exit".equals(name) || "halt".equals(name))) {
            return new Handle(
                    Opcodes.H_INVOKESTATIC,
                    EXITS,
                    "exit".equals(name) ? "runtimeExit" : "runtimeHalt",
                    RUNTIME_CALL,
                    false);
        }
        return null;
    }

    /** Internal names without ASM's Type (kept small). */
    private static final class Type {
        static String internalName(Class<?> c) {
            return c.getName().replace('.', '/');
        }
    }
}
