import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MachineClientStatus } from '@identsphere/common';
import { AdminClientsController } from './admin-clients.controller';
import { ClientAudit } from './client-audit';
import { ClientsService } from './clients.service';
import { MachineClientEntity } from './persistence/machine-client.entity';
import { MachineClientsRepository } from './persistence/machine-clients.repository';

@Module({
  imports: [TypeOrmModule.forFeature([MachineClientEntity])],
  controllers: [AdminClientsController],
  // The port the global auth guard asks on every client call: disabling a client takes effect at once.
  providers: [MachineClientsRepository, ClientAudit, ClientsService, { provide: MachineClientStatus, useExisting: ClientsService }],
  exports: [ClientsService, MachineClientStatus],
})
export class ClientsModule {}
