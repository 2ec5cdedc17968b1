export async function runCapacity(_s: number): Promise<void> {}
