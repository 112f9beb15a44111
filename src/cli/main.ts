// Command-line entry (kaohe). Placeholder until the offline host lands.
console.log('kaohe: 尚未实现')
